import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let txg: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine, 'TPE01', '台北信義店')).id;
  txg = (await addStore(product.engine, 'TXG01', '台中公益店')).id;
  await addStaff(product.engine, 'boss', 'admin');
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
  await addStaff(product.engine, 'ben', 'clerk', [txg]);
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'max', 'marketer');
});
afterEach(() => product.close());

const newClerk = (storeIds: number[]) => ({
  username: 'cindy',
  displayName: '陳欣蒂',
  password: 'a long enough secret',
  role: 'clerk',
  storeIds,
});

describe('what each role may do', () => {
  it('lets a clerk list stores, but not open one nor see or create staff', async () => {
    const amy = await signedIn(product.app, 'amy');
    expect((await amy.get('/api/staff/stores')).json()).toHaveLength(2);
    for (const response of [
      await amy.send('POST', '/api/staff/stores', { code: 'TPE09', name: '台北新店' }),
      await amy.get('/api/staff/staff'),
      await amy.send('POST', '/api/staff/staff', newClerk([tpe])),
      await amy.get('/api/staff/audit'),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('lets a store manager list only the staff of their own stores, and change nobody', async () => {
    const mia = await signedIn(product.app, 'mia');
    const listed = (await mia.get('/api/staff/staff')).json() as { id: number; username: string }[];
    expect(listed.map((s) => s.username)).toEqual(['amy', 'mia']);
    expect((await mia.send('PATCH', `/api/staff/staff/${listed[0]!.id}`, { active: false })).statusCode).toBe(
      403,
    );
    expect((await mia.send('POST', '/api/staff/staff', newClerk([tpe]))).statusCode).toBe(403);
  });

  it('lets a marketer work across stores but not manage them', async () => {
    const max = await signedIn(product.app, 'max', { storeId: txg });
    expect(max.response.json()).toMatchObject({ staff: { storeIds: 'all', storeId: txg } });
    expect((await max.send('PATCH', `/api/staff/stores/${tpe}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('lets an admin open, change and close stores and create and change staff, all audited', async () => {
    const boss = await signedIn(product.app, 'boss', { ip: '192.0.2.10' });
    const store = await boss.send('POST', '/api/staff/stores', {
      code: 'tpe09',
      name: '台北新店',
      address: '新北市',
    });
    expect(store.statusCode).toBe(201);
    const storeId = store.json().id as number;
    expect(
      (await boss.send('PATCH', `/api/staff/stores/${storeId}`, { active: false })).json(),
    ).toMatchObject({ active: false });
    expect(((await boss.get('/api/staff/stores')).json() as unknown[]).length).toBe(3);

    const created = await boss.send('POST', '/api/staff/staff', newClerk([tpe]));
    expect(created.statusCode).toBe(201);
    const cindy = created.json() as { id: number };
    const moved = await boss.send('PATCH', `/api/staff/staff/${cindy.id}`, {
      storeIds: [txg],
      password: 'another long secret',
    });
    expect(moved.json()).toMatchObject({ storeIds: [txg] });

    const audit = (await boss.get('/api/staff/audit?limit=10')).json() as {
      entries: Record<string, unknown>[];
    };
    expect(audit.entries.slice(0, 6).map((e) => e.action)).toEqual([
      'staff.password_reset',
      'staff.update',
      'staff.create',
      'store.deactivate',
      'store.create',
      'staff.sign_in',
    ]);
    expect(audit.entries[1]).toMatchObject({
      staff: { username: 'boss' },
      ip: '192.0.2.10',
      before: { storeIds: [tpe] },
      after: { storeIds: [txg] },
    });
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|secret/);
  });

  it('refuses a weak password and a clerk without a store, field by field', async () => {
    const boss = await signedIn(product.app, 'boss');
    const response = await boss.send('POST', '/api/staff/staff', { ...newClerk([]), password: 'short' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      fields: { password: 'PASSWORD_WEAK', storeIds: 'STORES_REQUIRED' },
    });
  });
});

describe('what the pages are told a session may do', () => {
  it('hands each session its actions, so no page tests a role', async () => {
    const actionsOf = async (username: string) =>
      ((await signedIn(product.app, username)).response.json() as { actions: string[] }).actions;
    expect(await actionsOf('amy')).toEqual([
      'purchase.record',
      'points.redeem',
      'claim_code.issue',
      'store.read',
      'coupon.give',
      'chat.read',
      'chat.reply',
      'member_note.edit',
    ]);
    expect(await actionsOf('mia')).toContain('purchase.void');
    expect(await actionsOf('max')).toEqual([
      'store.read',
      'points_rules.read',
      'line_delivery.read',
      'coupon_template.read',
      'coupon_template.edit',
      'segment.read',
      'segment.edit',
      'member_tag.edit',
      'campaign.read',
      'campaign.edit',
      'campaign.send',
      'campaign.results',
      'points.adjust',
      'chat_rules.edit',
      'member.read',
      'member.import',
      'dashboard.read',
      'journey.edit',
    ]);
    expect(await actionsOf('boss')).toContain('staff.manage');
    const mia = await signedIn(product.app, 'mia');
    expect((await mia.get('/api/staff/session')).json()).toMatchObject({
      staff: { role: 'store_manager' },
      actions: expect.arrayContaining(['purchase.void', 'purchase.refund', 'staff.read']),
    });
  });
});

describe('GET /api/staff/audit', () => {
  it('pages newest first and filters by staff, store and action', async () => {
    const boss = await signedIn(product.app, 'boss');
    for (let i = 1; i <= 5; i++)
      await boss.send('POST', '/api/staff/stores', { code: `S0${i}`, name: `門市${i}` });
    await signedIn(product.app, 'amy');
    const first = (await boss.get('/api/staff/audit?limit=3&action=store')).json();
    expect(first.entries.map((e: { after: { code: string } }) => e.after.code)).toEqual([
      'S05',
      'S04',
      'S03',
    ]);
    const next = (await boss.get(`/api/staff/audit?limit=3&action=store&before=${first.nextBefore}`)).json();
    expect(next.entries.map((e: { after: { code: string } }) => e.after.code)).toEqual(['S02', 'S01']);
    expect(next.nextBefore).toBeNull();
    const atTpe = (await boss.get(`/api/staff/audit?storeId=${tpe}`)).json();
    expect(
      atTpe.entries.map((e: { action: string; staff: { username: string } }) => [e.action, e.staff.username]),
    ).toEqual([['staff.sign_in', 'amy']]);
  });
});
