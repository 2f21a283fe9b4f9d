import { problemText } from '../../../components/field.tsx';
import { fieldProblemsOf, refusalText } from '../../../lib/refusals.ts';
import { counterErrors } from './messages.ts';

/**
 * What to tell the clerk about a failed request, in their language; with INVALID_FIELDS, each field's problem code
 * (CounterField shows it on its field) and the first of them as the message.
 */
export function problemOf(error: unknown): { message: string; fields: Record<string, string> } {
  const t = counterErrors.get();
  const fields = fieldProblemsOf(error);
  if (!fields) return { message: refusalText(t, error), fields: {} };
  const first = Object.values(fields)[0];
  return { message: first ? problemText(t, first) : t.failed, fields };
}
