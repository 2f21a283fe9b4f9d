import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, memberImports, members, pointLots, pointsLedger } from '../../../db/schema.ts';
import { claimMembership } from '../../domain/claims.ts';
import { currentConsent } from '../../domain/consent.ts';
import { OPENING_BALANCE_NOTE } from '../../domain/member-imports/run.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, importMember } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;

beforeEach(async () => {
  product = await startProduct();
  await addStore(product.engine, 'TPE01');
  await addStaff(product.engine, 'boss', 'admin');
  await addStaff(product.engine, 'max', 'marketer');
});
afterEach(() => product.close());

/** Four good rows (one already a member), a bad phone and a store that does not exist, with zh-TW headers. */
const file = [
  '手機,姓名,生日,常用門市,期初點數,等級',
  '0912000001,王小明,1980-05-06,TPE01,120,silver',
  '0912000002,林美華,1975/12/24,,0,',
  '0912-000-003,"陳,大文",,TPE01,"1,500",金卡會員',
  '09120,張三,1990-01-01,TPE01,10,',
  '0912000005,李四,1991-02-03,XYZ99,10,',
  '0933111222,老會員,1965-03-08,,50,',
].join('\r\n');

async function admin() {
  const boss = await signedIn(product.app, 'boss');
  const send = (method: 'GET' | 'POST', url: string, csv?: string) =>
    product.app.inject({
      method,
      url,
      cookies: { staff_session: boss.cookie.value },
      headers: {
        ...(method === 'POST' && { 'x-csrf-token': boss.csrfToken }),
        ...(csv !== undefined && { 'content-type': 'text/csv' }),
      },
      ...(csv !== undefined && { payload: csv }),
    });
  return { send, upload: (csv: string) => send('POST', '/api/staff/member-imports?fileName=shops.csv', csv) };
}

const countMembers = async () => (await product.engine.read((tx) => tx.select().from(members))).length;

describe('importing offline members from a CSV file', () => {
  it('previews every row, names the two bad rows in zh-TW and writes no member', async () => {
    await importMember(product.engine, '0933111222', '1965-03-08');
    const { upload } = await admin();
    const response = await upload(file);
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ status: 'previewed', rows: 6, invalidRows: 2, alreadyMembers: 1 });
    expect(preview.invalid).toEqual([
      { rowNo: 5, phone: '09120', name: '張三', problems: ['PHONE_INVALID'] },
      { rowNo: 6, phone: '0912000005', name: '李四', problems: ['STORE_UNKNOWN'] },
    ]);
    expect(preview.firstRows[2]).toMatchObject({
      phone: '0912000003',
      name: '陳,大文',
      openingPoints: 1500,
      tierCode: 'gold',
    });
    expect(preview.firstRows[1]).toMatchObject({ birthday: '1975-12-24', tierCode: null });
    expect(await countMembers()).toBe(1);
  });

  it('runs as background work: members claimable in LINE, opening points in the ledger, the report downloadable', async () => {
    await importMember(product.engine, '0933111222', '1965-03-08');
    const { upload, send } = await admin();
    const { id } = (await upload(file)).json();
    const started = await send('POST', `/api/staff/member-imports/${id}/run`);
    expect(started.statusCode).toBe(202);
    await product.app.memberImports.idle();
    const progress = (await send('GET', `/api/staff/member-imports/${id}`)).json();
    expect(progress).toMatchObject({ status: 'done', processedRows: 4, importedRows: 3, existingRows: 1 });
    expect(await countMembers()).toBe(4);

    const [ming] = await product.engine.read((tx) =>
      tx.select().from(members).where(eq(members.phone, '0912000001')),
    );
    expect(ming).toMatchObject({
      source: 'import',
      tierCode: 'silver',
      pointsBalance: 120,
      lineUserId: null,
    });
    const ledger = await product.engine.read((tx) =>
      tx.select().from(pointsLedger).where(eq(pointsLedger.memberId, ming!.id)),
    );
    expect(ledger).toMatchObject([
      { kind: 'adjust', points: 120, balanceAfter: 120, note: OPENING_BALANCE_NOTE },
    ]);
    const lots = await product.engine.read((tx) =>
      tx.select().from(pointLots).where(eq(pointLots.memberId, ming!.id)),
    );
    expect(lots).toMatchObject([{ points: 120, remaining: 120 }]);

    const claimed = await claimMembership(
      product.engine,
      'U0123456789abcdef0123456789abcdef',
      {
        phone: '0912000001',
        birthday: '1980-05-06',
        acceptTerms: true,
        marketingOptIn: false,
        ...currentConsent,
      },
      new Date(),
    );
    expect(claimed).toMatchObject({ id: ming!.id, pointsBalance: 120 });

    const report = await send('GET', `/api/staff/member-imports/${id}/errors.csv`);
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(report.body, { bom: true }) as string[][];
    expect(rows.slice(1)).toEqual([
      [
        '5',
        '09120',
        '張三',
        '手機號碼須為 09 開頭的 10 位數字',
        'The phone must be 10 digits starting with 09',
      ],
      ['6', '0912000005', '李四', '沒有這個門市代碼的營業中門市', 'No open store has this store code'],
      [
        '7',
        '0933111222',
        '老會員',
        '這個手機號碼已是會員，未重複建立',
        expect.stringContaining('already a member'),
      ],
    ]);
    const audit = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'member.import')),
    );
    expect(audit).toMatchObject([{ subjectType: 'member_import', subjectId: String(id) }]);
  });

  it('changes nothing when the same file is uploaded and run again', async () => {
    const { upload, send } = await admin();
    const first = (await upload(file)).json();
    await send('POST', `/api/staff/member-imports/${first.id}/run`);
    await product.app.memberImports.idle();
    const before = {
      members: await countMembers(),
      ledger: await product.engine.read((tx) => tx.select().from(pointsLedger)),
    };

    const again = (await upload(file)).json();
    expect(again).toMatchObject({ id: first.id, status: 'done' });
    expect((await send('POST', `/api/staff/member-imports/${first.id}/run`)).json()).toMatchObject({
      status: 'done',
    });
    await product.app.memberImports.idle();
    expect(await countMembers()).toBe(before.members);
    expect(await product.engine.read((tx) => tx.select().from(pointsLedger))).toEqual(before.ledger);
    expect(await product.engine.read((tx) => tx.select().from(memberImports))).toHaveLength(1);
  });

  it('refuses a file whose header it does not know, and lets only admins import', async () => {
    const { upload } = await admin();
    const refused = await upload('mobile,name\n0912000001,王小明\n');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    const max = await signedIn(product.app, 'max');
    expect((await max.get('/api/staff/exports/members.csv')).statusCode).toBe(403);
  });
});

describe('exporting as CSV', () => {
  it('streams every active member, and the ledger, with the row count and an audit row', async () => {
    const { upload, send } = await admin();
    const { id } = (await upload(file)).json();
    await send('POST', `/api/staff/member-imports/${id}/run`);
    await product.app.memberImports.idle();

    const exported = await send('GET', '/api/staff/exports/members.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['x-total-rows']).toBe('4');
    const rows = parse(exported.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.phone).sort()).toEqual([
      '0912000001',
      '0912000002',
      '0912000003',
      '0933111222',
    ]);
    expect(rows.find((row) => row.phone === '0912000003')).toMatchObject({
      name: '陳,大文',
      home_store_code: 'TPE01',
      tier_code: 'gold',
      points_balance: '1500',
      line_bound: 'no',
    });
    const points = parse((await send('GET', '/api/staff/exports/points.csv')).body, {
      bom: true,
      columns: true,
    });
    expect(points).toHaveLength(3);
    expect(points[0]).toMatchObject({ kind: 'adjust', note: OPENING_BALANCE_NOTE });
    const couponsCsv = await send('GET', '/api/staff/exports/coupons.csv');
    expect(couponsCsv.body.replace('\uFEFF', '').trim().split('\n')).toHaveLength(1);
    const audit = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'member.export')),
    );
    expect(audit.map((row) => [row.subjectId, row.after])).toEqual([
      ['members', { rows: 4 }],
      ['points', { rows: 3 }],
      ['coupons', { rows: 0 }],
    ]);
  });
});
