import { id, index, integer, json, primaryKey, table, text, timestamp } from '#db/dialect/columns';
import { members, stores } from './members.ts';

/**
 * A CSV file of offline members an admin uploaded (issue 16): checked row by row at upload (`previewed`), then, once
 * run, applied in batches as background work (`running`, a job run `member_import` per file) until `done`. One row
 * per file content: uploading the same bytes again answers this import, so a file is applied once.
 */
export const memberImports = table('member_imports', {
  id: id('id'),
  /** SHA-256 of the file's bytes, hex. */
  contentHash: text('content_hash').notNull().unique(),
  fileName: text('file_name').notNull(),
  status: text('status', { enum: ['previewed', 'running', 'done'] }).notNull(),
  rows: integer('rows').notNull(),
  invalidRows: integer('invalid_rows').notNull(),
  /** Rows the run has been through, and of them: members made, and numbers that were members already. */
  processedRows: integer('processed_rows').notNull().default(0),
  importedRows: integer('imported_rows').notNull().default(0),
  existingRows: integer('existing_rows').notNull().default(0),
  staffId: integer('staff_id'),
  createdAt: timestamp('created_at').notNull(),
  startedAt: timestamp('started_at'),
  finishedAt: timestamp('finished_at'),
});

/** A data row of an uploaded file (rowNo 2 is the line under the header), as read and checked, and what became of it. */
export const memberImportRows = table(
  'member_import_rows',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => memberImports.id),
    rowNo: integer('row_no').notNull(),
    phone: text('phone').notNull(),
    name: text('name').notNull(),
    birthday: text('birthday'),
    homeStoreId: integer('home_store_id').references(() => stores.id),
    homeStoreCode: text('home_store_code'),
    openingPoints: integer('opening_points').notNull(),
    tierCode: text('tier_code'),
    /** What is wrong with the row (member-imports/row-checks.ts codes); empty for a row that can be imported. */
    problems: json<string[]>('problems').notNull(),
    /** pending until run; imported; existing: the number is a member's already; invalid: never applied. */
    outcome: text('outcome', { enum: ['pending', 'imported', 'existing', 'invalid'] }).notNull(),
    memberId: integer('member_id').references(() => members.id),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.rowNo] }),
    index('member_import_rows_outcome_idx').on(t.importId, t.outcome, t.rowNo),
  ],
);
