// npm run bench:export: the members export (issue 16) on the seed:scale SQLite database (1,000,000 members), its time
// and peak RSS, beside a peer in the same run: a raw `SELECT` of the same columns streamed to /dev/null with
// better-sqlite3's iterate. Each runs in a child process of its own, so each peak RSS is its own.
//
//   node scripts/bench/export.ts [--path FILE] [--kind members|points|coupons]
//
// The export is what GET /api/staff/exports/members.csv sends: exportRows (a page of 5,000 rows a read) piped
// through csv-stringify, here into /dev/null. Figures are printed, never enforced.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { EXPORTS, type ExportKind, exportRows } from '../../bot/domain/member-exports.ts';
import { openEngine } from '../../db/engine.ts';

const { values } = parseArgs({
  options: {
    path: { type: 'string', default: process.env.DATABASE_PATH ?? './data/scale.db' },
    kind: { type: 'string', default: 'members' },
    part: { type: 'string' },
  },
});
const kind = values.kind as ExportKind;
if (!EXPORTS.includes(kind)) throw new Error(`--kind must be one of ${EXPORTS.join(', ')}`);

const peerSql: Record<ExportKind, string> = {
  members: `SELECT m.member_number, m.phone, m.name, m.birthday, m.gender, m.email, s.code, m.tier_code,
    m.points_balance, m.source, m.line_user_id, m.marketing_opt_in, m.joined_at
    FROM members m LEFT JOIN stores s ON s.id = m.home_store_id WHERE m.status = 'active' ORDER BY m.id`,
  points: `SELECT l.*, m.member_number, s.code FROM points_ledger l JOIN members m ON m.id = l.member_id
    LEFT JOIN stores s ON s.id = l.store_id ORDER BY l.id`,
  coupons: `SELECT c.*, m.member_number, t.title FROM coupons c JOIN members m ON m.id = c.member_id
    JOIN coupon_templates t ON t.id = c.template_id ORDER BY c.id`,
};

async function part(which: string) {
  const started = performance.now();
  let rows = 0;
  if (which === 'export') {
    const engine = await openEngine({ url: values.path! });
    const counted = async function* () {
      for await (const row of exportRows(engine, kind)) {
        rows++;
        yield row;
      }
    };
    await pipeline(Readable.from(counted()), stringify({ bom: true }), createWriteStream('/dev/null'));
    await engine.close();
    rows--;
  } else {
    const db = new Database(values.path!, { readonly: true });
    const out = createWriteStream('/dev/null');
    for (const row of db.prepare(peerSql[kind]).raw().iterate()) {
      rows++;
      if (!out.write(`${(row as unknown[]).join(',')}\n`))
        await new Promise<void>((go) => out.once('drain', () => go()));
    }
    out.end();
    db.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ which, rows, seconds, peakMb }));
}

if (values.part) await part(values.part);
else {
  if (!existsSync(values.path!)) {
    console.log(`${values.path} is missing: seeding it first (npm run seed:scale, a few minutes)`);
    execFileSync(process.execPath, ['scripts/seed-scale.ts', '--path', values.path!], { stdio: 'inherit' });
  }
  const run = (which: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [import.meta.filename, '--part', which, '--path', values.path!, '--kind', kind],
        {
          encoding: 'utf8',
        },
      )
        .trim()
        .split('\n')
        .at(-1)!,
    ) as { rows: number; seconds: number; peakMb: number };
  const exported = run('export');
  const peer = run('peer');
  const line = (name: string, r: typeof exported) =>
    `${name.padEnd(34)} ${String(r.rows).padStart(9)} rows  ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(
      r.rows / r.seconds,
    )
      .toLocaleString('en')
      .padStart(9)} rows/s  peak RSS ${r.peakMb.toFixed(0)} MB`;
  console.log(`bench:export ${kind}.csv on ${values.path}`);
  console.log(line(`export (pages + csv-stringify)`, exported));
  console.log(line('peer (raw SELECT to /dev/null)', peer));
  console.log(`export / peer time: ${(exported.seconds / peer.seconds).toFixed(2)}x`);
}
