/**
 * The same checks as the server's bot/domain/member-fields.ts, so each field gets its message before sending;
 * the server's own answer (INVALID_FIELDS) is shown the same way.
 */
export const normalisePhone = (input: string) => input.replace(/[\s-]/g, '');

export function phoneProblem(value: string): string | null {
  if (!value.trim()) return 'REQUIRED';
  return /^09\d{8}$/.test(normalisePhone(value)) ? null : 'PHONE_INVALID';
}

export function nameProblem(value: string): string | null {
  if (!value.trim()) return 'REQUIRED';
  return value.trim().length <= 50 ? null : 'NAME_INVALID';
}

export function emailProblem(value: string): string | null {
  return !value || (value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) ? null : 'EMAIL_INVALID';
}

/** A real date, not in the future, at most 120 years ago. */
export function birthdayProblem(value: string, today: Date): string | null {
  if (!value) return 'REQUIRED';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'BIRTHDAY_INVALID';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'BIRTHDAY_INVALID';
  const oldest = new Date(today);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - 120);
  return date > today || date < oldest ? 'BIRTHDAY_INVALID' : null;
}

/** Only the problems found: `{phone: 'PHONE_INVALID'}`. */
export function problemsOf(checks: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => !!entry[1]));
}

/** The contact fields the join form and the profile both check, by the form's text of each. */
export const contactProblems = (text: (name: string) => string) => ({
  phone: phoneProblem(text('phone')),
  name: nameProblem(text('name')),
  email: emailProblem(text('email')),
});
