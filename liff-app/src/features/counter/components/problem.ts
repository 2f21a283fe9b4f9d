import { fieldProblemsOf } from '../../../lib/api-client.ts';
import { refusalText } from '../../../lib/refusal-text.ts';
import { clerkErrors } from './messages.ts';

/** What to tell the clerk about a failed request, in their language; field problems by field. */
export function problemOf(error: unknown): { message: string; fields: Record<string, string> } {
  const t = clerkErrors.get();
  const codes = fieldProblemsOf(error);
  if (!codes) return { message: refusalText(t, error), fields: {} };
  const say = (code: string) => (t as unknown as Record<string, unknown>)[code];
  const fields = Object.fromEntries(
    Object.entries(codes).map(([field, code]) => [
      field,
      typeof say(code) === 'string' ? String(say(code)) : t.failed,
    ]),
  );
  return { message: Object.values(fields)[0] ?? t.failed, fields };
}
