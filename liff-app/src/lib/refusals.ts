import { ApiRequestError, type ErrorBody, OfflineError } from './api-client.ts';
import { formatTime } from './format.ts';

/** A page's texts for refusals: one per code (text, or a function of the refusal's details), and the two fallbacks. */
export type RefusalTexts = { offline: string; failed: string };

/**
 * What to tell the reader about a failed request, in their language: the text for the refusal's code, given the
 * refusal's details (`{minPoints}`, `{balance}`), when lockedUntil is given `{time}` in Taipei and, when
 * retryAfterSeconds is, `{minutes}`; the network's or the general failure's text otherwise.
 */
export function refusalText(texts: RefusalTexts, error: unknown): string {
  if (error instanceof OfflineError) return texts.offline;
  if (!(error instanceof ApiRequestError)) return texts.failed;
  const body = error.body as { code: string; lockedUntil?: string; retryAfterSeconds?: number };
  const text = (texts as unknown as Record<string, unknown>)[body.code];
  if (typeof text === 'string') return text;
  if (typeof text !== 'function') return texts.failed;
  return String(
    text({
      ...body,
      time: formatTime(body.lockedUntil ?? new Date().toISOString()),
      minutes: Math.ceil((body.retryAfterSeconds ?? 60) / 60),
    }),
  );
}

/** A refusal's body, typed as its API declares it, or null for any other failure. */
export const refusalOf = <Body extends ErrorBody>(error: unknown): Body | null =>
  error instanceof ApiRequestError ? (error.body as Body) : null;

/** The server's 400 INVALID_FIELDS answer, field by field (a code each), or null for any other failure. */
export function fieldProblemsOf(error: unknown): Record<string, string> | null {
  const body = refusalOf<ErrorBody & { fields?: Record<string, string> }>(error);
  return body?.code === 'INVALID_FIELDS' && body.fields ? body.fields : null;
}
