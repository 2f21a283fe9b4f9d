import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, members } from '../../../db/schema.ts';
import { commandLine } from '../../domain/actor.ts';
import { cardCode } from '../../domain/member-card.ts';
import { importMembership, joinMembership } from '../../domain/members.ts';
import { membersByRules } from '../../domain/members-admin/by-rules.ts';
import { refreshSegmentFacts } from '../../domain/segments/facts.ts';
import type { Rule } from '../../domain/segments/rules.ts';
import { lineUserId } from '../../testing/events.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let khh: number;
let ming: { id: number; memberNumber: string };
let auntie: { id: number; memberNumber: string };

beforeEach(async () => {
  product = await startProduct();
  const { engine } = product;
  tpe = (await addStore(engine)).id;
  khh = (await addStore(engine, 'KHH01', '高雄巨蛋店')).id;
  await addStaff(engine, 'mia', 'store_manager', [tpe]);
  await addStaff(engine, 'ken', 'store_manager', [khh]);
  await addStaff(engine, 'cleo', 'clerk', [tpe]);
  await addStaff(engine, 'max', 'marketer');
  await addStaff(engine, 'ada', 'admin');
  ming = await joinMembership(engine, lineUserId(), joinForm(tpe, { name: '王小明' }), new Date());
  auntie = await engine.write((tx) =>
    importMembership(
      tx,
      { phone: '0987654321', name: '陳阿姨', birthday: '1965-03-08', homeStoreId: khh },
      new Date(),
    ),
  );
});
afterEach(() => product.close());

const at = (name: string, storeId?: number) => signedIn(product.app, name, storeId ? { storeId } : {});
const found = async (who: Awaited<ReturnType<typeof at>>, q: string) => {
  const response = await who.get(`/api/staff/members?q=${encodeURIComponent(q)}`);
  expect(response.statusCode).toBe(200);
  return response.json().members.map((m: { memberNumber: string }) => m.memberNumber);
};

describe('finding members', () => {
  it('finds by the full phone, its last digits, part of the name, the member number and the card code', async () => {
    const ada = await at('ada');
    expect(await found(ada, '0912-345-678')).toEqual([ming.memberNumber]);
    expect(await found(ada, '4321')).toEqual([auntie.memberNumber]);
    expect(await found(ada, '阿姨')).toEqual([auntie.memberNumber]);
    expect(await found(ada, ming.memberNumber.toLowerCase())).toEqual([ming.memberNumber]);
    const [row] = await product.engine.read((tx) => tx.select().from(members).where(eq(members.id, ming.id)));
    expect(await found(ada, cardCode(row!, new Date()))).toEqual([ming.memberNumber]);
    expect(await found(ada, `${row!.cardId}00000000`)).toEqual([]);
    expect(await found(ada, '%')).toEqual([]);
    expect(await found(ada, '')).toEqual([auntie.memberNumber, ming.memberNumber]);
  });

  it('keeps a store manager to their stores’ members, and shows a marketer the phone masked', async () => {
    const mia = await at('mia', tpe);
    expect(await found(mia, '')).toEqual([ming.memberNumber]);
    expect(await found(mia, '4321')).toEqual([]);
    expect(await found(mia, auntie.memberNumber)).toEqual([]);
    const [theirs] = await product.engine.read((tx) =>
      tx.select().from(members).where(eq(members.id, auntie.id)),
    );
    expect(await found(mia, cardCode(theirs!, new Date()))).toEqual([]);
    expect(await found(await at('ken', khh), cardCode(theirs!, new Date()))).toEqual([auntie.memberNumber]);
    const max = await at('max');
    const response = await max.get('/api/staff/members?q=王');
    expect(response.json().members[0]).toMatchObject({ phone: '0912***678', tier: { code: 'regular' } });
    expect((await (await at('cleo', tpe)).get('/api/staff/members?q=王')).statusCode).toBe(403);
    expect((await max.get('/api/staff/members?q=a&extra=1')).statusCode).toBe(400);
  });

  it('lists the members a segment’s rules match, within scope, a page at a time', async () => {
    await refreshSegmentFacts(product.engine, new Date());
    const rules: Rule = { all: [{ field: 'tier', tiers: ['regular'] }] };
    const ada = await at('ada');
    const all = await ada.send('POST', '/api/staff/members/filter', { rules });
    expect(all.statusCode).toBe(200);
    expect(all.json().members.map((m: { id: number }) => m.id)).toEqual([ming.id, auntie.id]);
    const mia = await at('mia', tpe);
    const mine = await mia.send('POST', '/api/staff/members/filter', { rules });
    expect(mine.json()).toMatchObject({ members: [{ id: ming.id }], nextAfter: null });
    const first = await membersByRules(product.engine, commandLine, rules, { limit: 1 }, new Date());
    expect(first).toMatchObject({ members: [{ id: ming.id }], nextAfter: ming.id });
    const next = await ada.send('POST', '/api/staff/members/filter', { rules, after: ming.id });
    expect(next.json()).toMatchObject({ members: [{ id: auntie.id }], nextAfter: null });
    const bad = await ada.send('POST', '/api/staff/members/filter', { rules: { all: [{ field: 'nope' }] } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('a member’s page', () => {
  it('shows the profile, points, coupons, purchases, tags and notes; 404 for another store’s member', async () => {
    const mia = await at('mia', tpe);
    await mia.send('POST', `/api/staff/members/${ming.id}/notes`, {
      ...{ text: '喜歡燕麥拿鐵', requestId: randomUUID() },
    });
    const page = await mia.get(`/api/staff/members/${ming.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      member: { name: '王小明', phone: '0912345678', email: 'ming@example.com', homeStore: { id: tpe } },
      points: { balance: 0, history: { entries: [], nextBefore: null } },
      purchases: { entries: [], nextBefore: null },
      conversationId: null,
      notes: [{ text: '喜歡燕麥拿鐵' }],
    });
    expect((await mia.get(`/api/staff/members/${auntie.id}`)).json().code).toBe('MEMBER_NOT_FOUND');
    expect((await mia.get(`/api/staff/members/${auntie.id}/purchases`)).statusCode).toBe(404);
    const marketer = (await (await at('max')).get(`/api/staff/members/${ming.id}`)).json();
    expect(marketer.member).toMatchObject({ phone: '0912***678', email: null, birthday: null });
  });

  it('names the fields it holds back from a marketer, so the page can tell them from empty ones', async () => {
    const marketer = (await (await at('max')).get(`/api/staff/members/${ming.id}`)).json();
    expect(marketer.member).toMatchObject({ gender: null, withheld: ['birthday', 'gender', 'email'] });
    const manager = (await (await at('mia', tpe)).get(`/api/staff/members/${ming.id}`)).json();
    expect(manager.member).toMatchObject({ email: 'ming@example.com', withheld: [] });
    const auntieAsAdmin = (await (await at('ada')).get(`/api/staff/members/${auntie.id}`)).json();
    expect(auntieAsAdmin.member).toMatchObject({ email: null, gender: null, withheld: [] });
  });

  it('shows each adjustment with the reason given and who made it, on the page and the older pages', async () => {
    const max = await at('max');
    const adjust = (points: number, reason: string) =>
      max.send('POST', `/api/staff/members/${ming.id}/points-adjustments`, {
        ...{ points, reason, requestId: randomUUID() },
      });
    expect((await adjust(50, '客訴補償')).statusCode).toBe(200);
    expect((await adjust(-20, '重複補點')).statusCode).toBe(200);
    const page = (await (await at('mia', tpe)).get(`/api/staff/members/${ming.id}`)).json();
    expect(page.points.history.entries).toMatchObject([
      { kind: 'adjust', points: -20, reason: '重複補點', adjustedBy: 'max' },
      { kind: 'adjust', points: 50, reason: '客訴補償', adjustedBy: 'max' },
    ]);
    const older = await max.get(
      `/api/staff/members/${ming.id}/points?before=${page.points.history.entries[0].id}`,
    );
    expect(older.json().entries).toEqual([
      expect.objectContaining({ kind: 'adjust', points: 50, reason: '客訴補償', adjustedBy: 'max' }),
    ]);
  });
});

describe('fixing a record', () => {
  it('changes the fields given, audited with before and after; the same fix again writes nothing', async () => {
    const mia = await at('mia', tpe);
    const fix = { name: ' 王大明 ', phone: '0911 222 333', birthday: '1991-01-02', email: '' };
    const response = await mia.send('PATCH', `/api/staff/members/${ming.id}`, fix);
    expect(response.json()).toEqual({ changed: ['name', 'phone', 'birthday', 'email'] });
    const again = await mia.send('PATCH', `/api/staff/members/${ming.id}`, fix);
    expect(again.json()).toEqual({ changed: [] });
    const audits = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'member.edit')),
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      subjectId: String(ming.id),
      before: { name: '王小明', phone: '0912345678', birthday: '1990-05-20', email: 'ming@example.com' },
      after: { name: '王大明', phone: '0911222333', birthday: '1991-01-02', email: null },
    });
  });

  it('refuses field by field and writes nothing', async () => {
    const mia = await at('mia', tpe);
    const url = `/api/staff/members/${ming.id}`;
    const refused = async (body: object) => {
      const response = await mia.send('PATCH', url, body);
      expect(response.statusCode).toBe(400);
      return response.json().fields;
    };
    expect(await refused({ name: ' ', phone: '12345', email: 'x@', gender: 'x' })).toEqual({
      name: 'NAME_INVALID',
      phone: 'PHONE_INVALID',
      email: 'EMAIL_INVALID',
      gender: 'GENDER_INVALID',
    });
    expect(await refused({ birthday: '2099-01-01' })).toEqual({ birthday: 'BIRTHDAY_INVALID' });
    expect(await refused({ phone: '0987654321', name: '王大明' })).toEqual({ phone: 'PHONE_REGISTERED' });
    expect(await refused({ homeStoreId: khh })).toEqual({ homeStoreId: 'STORE_NOT_ALLOWED' });
    expect(await refused({ homeStoreId: 9999 })).toEqual({ homeStoreId: 'STORE_INVALID' });
    expect(await refused({ memberNumber: 'M1' })).toEqual({ memberNumber: 'UNKNOWN_FIELD' });
    const [row] = await product.engine.read((tx) => tx.select().from(members).where(eq(members.id, ming.id)));
    expect(row).toMatchObject({ name: '王小明', phone: '0912345678', homeStoreId: tpe });
    expect((await mia.send('PATCH', `/api/staff/members/${auntie.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await (await at('max')).send('PATCH', url, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('personal data (PDPA)', () => {
  it('hands over the member’s data and erases it once confirmed with the member number, both audited', async () => {
    const ken = await at('ken', khh);
    const data = await ken.get(`/api/staff/members/${auntie.id}/personal-data`);
    expect(data.statusCode).toBe(200);
    expect(data.headers['content-disposition']).toContain('attachment');
    expect(data.json().membership).toMatchObject({ name: '陳阿姨', phone: '0987654321' });
    expect(data.json().membership.cardSecret).toBeUndefined();
    expect((await ken.get(`/api/staff/members/${ming.id}/personal-data`)).statusCode).toBe(404);

    const url = `/api/staff/members/${auntie.id}/erase`;
    const wrong = await ken.send('POST', url, { confirm: 'M000' });
    expect(wrong.json().fields).toEqual({ confirm: 'CONFIRM_MISMATCH' });
    expect(
      (await (await at('mia', tpe)).send('POST', url, { confirm: auntie.memberNumber })).statusCode,
    ).toBe(404);
    expect((await ken.send('POST', url, { confirm: auntie.memberNumber })).statusCode).toBe(204);
    const [row] = await product.engine.read((tx) =>
      tx.select().from(members).where(eq(members.id, auntie.id)),
    );
    expect(row).toMatchObject({
      status: 'deleted',
      name: null,
      phone: null,
      birthday: null,
      homeStoreId: null,
    });
    expect((await ken.send('POST', url, { confirm: auntie.memberNumber })).statusCode).toBe(404);
    const audits = await product.engine.read((tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.subjectType, 'member'), eq(auditLog.subjectId, String(auntie.id)))),
    );
    expect(audits.map((a) => a.action).sort()).toEqual(['member.erase', 'member.personal_data_export']);
    expect((await (await at('max')).get(`/api/staff/members/${ming.id}/personal-data`)).statusCode).toBe(403);
  });
});
