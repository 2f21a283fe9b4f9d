import Type, { type Static, type TSchema } from 'typebox';

/**
 * Importing members from a CSV file and exporting members, points and coupons (issue 16), as the staff console
 * reads and sends them. The file itself is the body of the upload (text/csv), not JSON.
 */
const Strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** POST /api/staff/member-imports?fileName=… */
export const ImportUploadQuery = Type.Object(
  { fileName: Type.String({ minLength: 1, maxLength: 200 }) },
  Strict,
);
export const ImportIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, Strict);

export const ImportRowView = Type.Object({
  rowNo: Type.Integer(),
  phone: Type.String(),
  name: Type.String(),
  birthday: Nullable(Type.String()),
  homeStoreCode: Nullable(Type.String()),
  openingPoints: Type.Integer(),
  tierCode: Nullable(Type.String()),
  problems: Type.Array(Type.String()),
});

/** The import as it stands: the preview before it is run, and the run's progress. */
export const ImportView = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  status: Type.Union([Type.Literal('previewed'), Type.Literal('running'), Type.Literal('done')]),
  rows: Type.Integer(),
  invalidRows: Type.Integer(),
  /** Rows that pass but whose phone is a member's already: reported, never made twice. */
  alreadyMembers: Type.Integer(),
  processedRows: Type.Integer(),
  importedRows: Type.Integer(),
  existingRows: Type.Integer(),
  firstRows: Type.Array(ImportRowView),
  invalid: Type.Array(
    Type.Object({
      rowNo: Type.Integer(),
      phone: Type.String(),
      name: Type.String(),
      problems: Type.Array(Type.String()),
    }),
  ),
});
export type ImportView = Static<typeof ImportView>;

/** The header the exports carry: how many rows there were when the export started (the console's progress). */
export const TOTAL_ROWS_HEADER = 'x-total-rows';
