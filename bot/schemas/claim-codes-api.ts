import Type from 'typebox';

/**
 * POST /api/staff/claim-codes: the clerk found the in-store member at the counter, by phone or member number.
 * 200 ClaimCodeView; 400 INVALID_FIELDS; 404 MEMBER_NOT_FOUND; 409 MEMBER_HAS_LINE (already claimed) or
 * NO_STORE. The clerk page reads the same shapes.
 */
export const ClaimCodeBody = Type.Union([
  Type.Object({ phone: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
  Type.Object(
    { memberNumber: Type.String({ minLength: 1, maxLength: 20 }) },
    { additionalProperties: false },
  ),
]);

/** The code to hand over (8 digits, shown once), until when it is good, and whom it is for. */
export const ClaimCodeView = Type.Object({
  code: Type.String(),
  expiresAt: Type.String(),
  memberNumber: Type.String(),
  maskedName: Type.String(),
});
