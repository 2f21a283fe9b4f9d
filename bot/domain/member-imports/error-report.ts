import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { memberImportRows } from '../../../db/schema.ts';
import { problemWords } from './row-checks.ts';

const PAGE = 1000;

/**
 * The error report of an import, as rows of a CSV file: every row that was not imported and why, in zh-TW and
 * English (a problem found in the file, or a phone that was a member's already when it ran), by row number.
 */
export async function* errorReportRows(engine: Engine, importId: number): AsyncGenerator<string[]> {
  yield ['列 (row)', '手機 (phone)', '姓名 (name)', '問題', 'problem'];
  for (let after = 0; ; ) {
    const page = await engine.read((tx) =>
      tx
        .select()
        .from(memberImportRows)
        .where(
          and(
            eq(memberImportRows.importId, importId),
            inArray(memberImportRows.outcome, ['invalid', 'existing']),
            gt(memberImportRows.rowNo, after),
          ),
        )
        .orderBy(asc(memberImportRows.rowNo))
        .limit(PAGE),
    );
    for (const row of page) {
      const problems = row.outcome === 'existing' ? ['PHONE_REGISTERED'] : row.problems;
      yield [
        String(row.rowNo),
        row.phone,
        row.name,
        problemWords(problems, 'zh'),
        problemWords(problems, 'en'),
      ];
    }
    if (page.length < PAGE) return;
    after = page.at(-1)!.rowNo;
  }
}
