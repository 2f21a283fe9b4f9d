/**
 * What can be wrong with a field of a member's form, in the words the mini-app explains. The LIFF API's schema
 * (bot/schemas/liff-api.ts) declares the same list.
 */
export const FIELD_PROBLEMS = [
  'REQUIRED',
  'PHONE_INVALID',
  'NAME_INVALID',
  'BIRTHDAY_INVALID',
  'BIRTHDAY_LOCKED',
  'EMAIL_INVALID',
  'GENDER_INVALID',
  'STORE_INVALID',
  'CONSENT_REQUIRED',
  'TERMS_OUTDATED',
  /** Profile: the number is another membership's (the same answer whoever holds it). */
  'PHONE_REGISTERED',
  /** Claim: the birthday or a claim code, one of them. */
  'BIRTHDAY_OR_CODE',
  'CLAIM_CODE_INVALID',
  /** A field the request does not take (requests are strict: nothing is coerced or dropped). */
  'UNKNOWN_FIELD',
  /** A value of the wrong type or form, for a field with no word of its own. */
  'INVALID',
] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

/** Taiwan mobile numbers: 09 and eight digits; spaces and dashes as people type them are dropped. */
export function normalisePhone(input: string): string {
  return input.replace(/[\s-]/g, '');
}

const checks = {
  phone: (value: unknown): FieldProblem | null =>
    typeof value === 'string' && /^09\d{8}$/.test(normalisePhone(value)) ? null : 'PHONE_INVALID',
  name: (value: unknown): FieldProblem | null =>
    typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= 50
      ? null
      : 'NAME_INVALID',
  email: (value: unknown): FieldProblem | null =>
    value == null ||
    value === '' ||
    (typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
      ? null
      : 'EMAIL_INVALID',
  gender: (value: unknown): FieldProblem | null =>
    value == null || value === 'female' || value === 'male' || value === 'other' ? null : 'GENDER_INVALID',
};

/** A real calendar date, not in the future, at most 120 years ago: YYYY-MM-DD. */
export function birthdayProblem(value: unknown, today: Date): FieldProblem | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'BIRTHDAY_INVALID';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'BIRTHDAY_INVALID';
  const oldest = new Date(today);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - 120);
  return date > today || date < oldest ? 'BIRTHDAY_INVALID' : null;
}

type Checked = keyof typeof checks;

/** The problems of the given contact fields; a field left out is not checked (for partial updates). */
export function contactFieldProblems(input: Partial<Record<Checked, unknown>>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of Object.keys(checks) as Checked[]) {
    if (!(field in input)) continue;
    const problem = checks[field](input[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
}

/** 0912345678 -> 0912***678: enough for the shopper and a clerk to recognise, not to copy. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 4)}***${phone.slice(-3)}`;
}
