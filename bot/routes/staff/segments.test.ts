import { eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, memberTags, segments } from '../../../db/schema.ts';
import { joinMembership } from '../../domain/members.ts';
import { refreshSegmentFacts } from '../../domain/segments/facts.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let khh: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  khh = (await addStore(product.engine, 'KHH01', '高雄巨蛋店')).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
});
afterEach(() => product.close());

const join = (letter: string, phone: string, storeId: number, marketingOptIn: boolean) =>
  joinMembership(
    product.engine,
    `U${letter.repeat(32)}`,
    joinForm(storeId, { phone, marketingOptIn }),
    new Date(),
  );

describe('segments in the console', () => {
  it('gates every route before the body is read', async () => {
    expect((await product.app.inject({ method: 'GET', url: '/api/staff/segments' })).statusCode).toBe(401);
    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    expect((await amy.send('POST', '/api/staff/segments/count', {})).statusCode).toBe(403);
    expect((await amy.get('/api/staff/segments')).statusCode).toBe(403);
    expect((await amy.send('POST', '/api/staff/members/1/tags/1')).statusCode).toBe(403);
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    expect((await mia.get('/api/staff/segments')).statusCode).toBe(200);
    expect((await mia.send('POST', '/api/staff/segments', {})).statusCode).toBe(403);
    expect((await mia.send('PATCH', '/api/staff/segments/1', {})).statusCode).toBe(403);
    expect((await mia.send('DELETE', '/api/staff/segments/1')).statusCode).toBe(403);
    expect((await mia.send('POST', '/api/staff/tags', {})).statusCode).toBe(403);
  });

  it('counts matching and reachable members live', async () => {
    await join('a', '0911111111', tpe, true);
    await join('b', '0922222222', khh, false);
    await refreshSegmentFacts(product.engine, new Date());
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    const all = await mia.send('POST', '/api/staff/segments/count', { rules: { field: 'age', min: 0 } });
    expect(all.statusCode).toBe(200);
    // Neither followed the account in this test: matching, but no LINE friend to reach.
    expect(all.json()).toMatchObject({ matching: 2, reachable: 0, factsAsOf: expect.any(String) });
    expect(all.json().tookMs).toEqual(expect.any(Number));
    const kaohsiung = await mia.send('POST', '/api/staff/segments/count', {
      rules: {
        all: [
          { field: 'homeStore', storeIds: [khh] },
          { field: 'marketingOptIn', value: false },
        ],
      },
    });
    expect(kaohsiung.json()).toMatchObject({ matching: 1 });
  });

  it('answers each wrong field by path with zh-TW words, and saves nothing', async () => {
    const max = await signedIn(product.app, 'max');
    const wrong = await max.send('POST', '/api/staff/segments', {
      name: '高消費',
      rules: {
        all: [
          { field: 'spend', days: 45, min: 1000 },
          { field: 'tier', tier: 'gold' },
        ],
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: {
        'rules.all.0.days': 'WINDOW_INVALID',
        'rules.all.1.tier': 'UNKNOWN_FIELD',
        'rules.all.1.tiers': 'REQUIRED',
      },
      messages: { 'rules.all.0.days': '期間須為 7、30、90、180 或 365 天' },
    });
    expect(wrong.json().message).toMatch(/^「rules\.all\.0\.days」期間須為/);
    const unknown = await max.send('POST', '/api/staff/segments', { name: 'x', rules: {}, colour: 'red' });
    expect(unknown.json()).toMatchObject({ code: 'INVALID_FIELDS', fields: { colour: 'UNKNOWN_FIELD' } });
    const count = await max.send('POST', '/api/staff/segments/count', { rules: { field: 'shoeSize' } });
    expect(count.json()).toMatchObject({ fields: { 'rules.field': 'FIELD_UNKNOWN' } });
    expect(await product.engine.read((tx) => tx.select().from(segments))).toEqual([]);
  });

  it('saves, lists, changes and deletes a segment, audited', async () => {
    const max = await signedIn(product.app, 'max');
    const rules = {
      any: [
        { field: 'tier', tiers: ['gold'] },
        { field: 'birthMonth', months: [12] },
      ],
    };
    const created = await max.send('POST', '/api/staff/segments', { name: '金卡或十二月壽星', rules });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ name: '金卡或十二月壽星', rules });
    const changed = await max.send('PATCH', `/api/staff/segments/${id}`, { name: '十二月' });
    expect(changed.json()).toMatchObject({ id, name: '十二月', rules });
    expect((await max.get('/api/staff/segments')).json()).toMatchObject([{ id, name: '十二月' }]);
    expect((await max.send('DELETE', `/api/staff/segments/${id}`)).statusCode).toBe(204);
    const gone = await max.send('PATCH', `/api/staff/segments/${id}`, { name: 'x' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'SEGMENT_NOT_FOUND' });
    const actions = await product.engine.read((tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(like(auditLog.action, 'segment.%')),
    );
    expect(actions.map((a) => a.action)).toEqual(['segment.create', 'segment.update', 'segment.delete']);
  });
});

describe('tags in the console', () => {
  it('lets a store manager tag their stores’ members only, audited, and refuses a rule tag by hand', async () => {
    const ours = await join('a', '0911111111', tpe, true);
    const theirs = await join('b', '0922222222', khh, true);
    const max = await signedIn(product.app, 'max');
    const vip = (await max.send('POST', '/api/staff/tags', { name: 'VIP' })).json();
    expect(vip).toMatchObject({ name: 'VIP', kind: 'manual', rules: null });
    const byRule = await max.send('POST', '/api/staff/tags', {
      name: '高雄',
      rules: { field: 'homeStore', storeIds: [khh] },
    });
    expect(byRule.json()).toMatchObject({ kind: 'rule' });
    expect((await max.send('POST', '/api/staff/tags', { name: 'VIP' })).json()).toMatchObject({
      fields: { name: 'NAME_TAKEN' },
    });

    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    const put = await mia.send('POST', `/api/staff/members/${ours.id}/tags/${vip.id}`);
    expect(put.json()).toEqual({ changed: true });
    expect((await mia.send('POST', `/api/staff/members/${ours.id}/tags/${vip.id}`)).json()).toEqual({
      changed: false,
    });
    expect((await mia.send('POST', `/api/staff/members/${theirs.id}/tags/${vip.id}`)).statusCode).toBe(403);
    const ruled = await max.send('POST', `/api/staff/members/${ours.id}/tags/${byRule.json().id}`);
    expect(ruled.json()).toMatchObject({ fields: { tagId: 'TAG_BY_RULE' } });
    expect((await mia.get(`/api/staff/members/${ours.id}/tags`)).json()).toMatchObject([{ name: 'VIP' }]);
    expect((await mia.send('DELETE', `/api/staff/members/${ours.id}/tags/${vip.id}`)).json()).toEqual({
      changed: true,
    });
    expect(await product.engine.read((tx) => tx.select().from(memberTags))).toEqual([]);
    const audited = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.subjectType, 'member')),
    );
    expect(audited.map((a) => a.action)).toEqual(['member_tag.add', 'member_tag.remove']);
  });
});
