/**
 * A rule of the business said no. `code` is stable (UPPER_SNAKE): the HTTP layer maps it to a status and the
 * LIFF app maps it to a zh-TW / en message. Nothing was changed when one is thrown.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Input that breaks a rule, field by field: `{phone: 'PHONE_INVALID'}`. */
export class InvalidFields extends DomainError {
  constructor(fields: Record<string, string>) {
    super('INVALID_FIELDS', `Invalid fields: ${Object.keys(fields).join(', ')}`, { fields });
  }
}
