/** PostgreSQL's SQLSTATE of an error, looking through drizzle's wrapping (DrizzleQueryError's cause). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error; e instanceof Error || (typeof e === 'object' && e !== null); e = (e as Error).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    if (!(e as Error).cause) break;
  }
  return undefined;
}
