import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, conversations, memberNotes, pointsLedger } from '../../../db/schema.ts';
import type { Actor } from '../../domain/actor.ts';
import { commandLine } from '../../domain/actor.ts';
import { createTemplate } from '../../domain/coupon-templates.ts';
import { issueCoupon } from '../../domain/coupons.ts';
import { joinMembership } from '../../domain/members.ts';
import { recordPurchase } from '../../domain/purchases.ts';
import { couponFields } from '../../testing/coupon-issuing.ts';
import { lineUserId } from '../../testing/events.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let khh: number;
let member: { id: number; lineUserId: string };

beforeEach(async () => {
  product = await startProduct();
  const { engine } = product;
  tpe = (await addStore(engine)).id;
  khh = (await addStore(engine, 'KHH01', '高雄巨蛋店')).id;
  await addStaff(engine, 'cleo', 'clerk', [tpe]);
  await addStaff(engine, 'kai', 'clerk', [khh]);
  await addStaff(engine, 'mia', 'store_manager', [tpe]);
  await addStaff(engine, 'ken', 'store_manager', [khh]);
  await addStaff(engine, 'max', 'marketer');
  await addStaff(engine, 'ada', 'admin');
  const user = lineUserId();
  const joined = await joinMembership(engine, user, joinForm(tpe, { name: '王小明' }), new Date());
  member = { id: joined.id, lineUserId: user };
});
afterEach(() => product.close());

const at = (name: string, storeId?: number) => signedIn(product.app, name, storeId ? { storeId } : {});
const contextUrl = () => `/api/staff/chat/members/${member.id}/context`;
const adjustUrl = () => `/api/staff/members/${member.id}/points-adjustments`;

describe('the member beside the chat', () => {
  it('shows tier, points, usable coupons, the last purchases, tags and notes, the phone masked', async () => {
    const counter: Actor = { staffId: null, storeId: tpe, ip: null, may: 'everything' };
    for (let i = 1; i <= 6; i++) {
      await recordPurchase(
        product.engine,
        {
          ...{ member: { id: member.id, proof: 'card' }, price: 100 * i, redeemPoints: 0, channel: 'store' },
          ...{
            reference: `R-${i}`,
            idempotencyKey: `key-${i}`,
            at: new Date(Date.now() - (10 - i) * 60_000),
          },
        },
        counter,
      );
    }
    const template = await createTemplate(product.engine, couponFields(), commandLine, new Date());
    const given = { templateId: template.id, memberId: member.id, how: 'staff' as const, at: new Date() };
    await issueCoupon(product.engine, { ...given, idempotencyKey: 'give-1' }, counter);
    const cleo = await at('cleo', tpe);
    expect(
      (
        await cleo.send('POST', `/api/staff/members/${member.id}/notes`, {
          ...{ text: ' 喜歡燕麥拿鐵 ', requestId: randomUUID() },
        })
      ).statusCode,
    ).toBe(201);

    const response = await cleo.get(contextUrl());
    expect(response.statusCode).toBe(200);
    const context = response.json();
    expect(context.member).toMatchObject({
      id: member.id,
      name: '王小明',
      phone: '*******678',
      tier: { code: 'regular', name: '一般會員' },
      pointsBalance: 42,
      homeStore: { id: tpe, name: '台北信義店' },
      tags: [],
    });
    expect(context.coupons).toEqual([
      {
        id: expect.any(Number),
        code: expect.any(String),
        title: '滿三百折五十',
        expiresAt: expect.any(String),
      },
    ]);
    expect(context.purchases.map((p: { amount: number }) => p.amount)).toEqual([600, 500, 400, 300, 200]);
    expect(context.purchases[0]).toMatchObject({ storeName: '台北信義店', channel: 'store' });
    expect(context.notes).toEqual([
      {
        id: expect.any(Number),
        text: '喜歡燕麥拿鐵',
        staff: { id: expect.any(Number), displayName: 'cleo' },
        createdAt: expect.any(String),
      },
    ]);
  });

  it('answers 404 for a member out of the staff member’s stores, unless their conversation is given to that store', async () => {
    const kai = await at('kai', khh);
    expect((await kai.get(contextUrl())).statusCode).toBe(404);
    expect(
      (
        await kai.send('POST', `/api/staff/members/${member.id}/notes`, {
          ...{ text: '看不到', requestId: randomUUID() },
        })
      ).statusCode,
    ).toBe(404);
    expect((await kai.get('/api/staff/chat/members/999999/context')).json().code).toBe('MEMBER_NOT_FOUND');
    const now = new Date();
    await product.engine.write((tx) =>
      tx.insert(conversations).values({
        ...{ lineUserId: member.lineUserId, status: 'open', mode: 'staff', storeId: khh },
        ...{ lastMessageAt: now, updatedAt: now },
      }),
    );
    expect((await kai.get(contextUrl())).statusCode).toBe(200);
    expect((await (await at('max')).get(contextUrl())).statusCode).toBe(403);
    expect((await (await at('ada')).get(contextUrl())).statusCode).toBe(200);
  });

  it('writes a note audited, and refuses an empty or unknown field writing nothing', async () => {
    const cleo = await at('cleo', tpe);
    const url = `/api/staff/members/${member.id}/notes`;
    const requestId = randomUUID();
    expect((await cleo.send('POST', url, { text: '   ', requestId })).json().fields).toEqual({
      text: 'NOTE_INVALID',
    });
    expect((await cleo.send('POST', url, { text: 'x', requestId: 'twice' })).json().fields).toEqual({
      requestId: 'REQUEST_ID_INVALID',
    });
    expect((await cleo.send('POST', url, { text: 'x', requestId, colour: 1 })).json().fields).toEqual({
      colour: 'UNKNOWN_FIELD',
    });
    expect((await (await at('max')).send('POST', url, { text: '行銷', requestId })).statusCode).toBe(403);
    expect(await product.engine.read((tx) => tx.select().from(memberNotes))).toEqual([]);
    await cleo.send('POST', url, { text: '週末常來', requestId });
    const audits = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'member_note.add')),
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectType: 'member', subjectId: String(member.id), storeId: tpe });
  });
});

describe('a note submitted twice', () => {
  it('writes one note and one audit row for one requestId, even sent twice at once, and refuses it for another text', async () => {
    const cleo = await at('cleo', tpe);
    const url = `/api/staff/members/${member.id}/notes`;
    const note = { text: '對堅果過敏', requestId: randomUUID() };
    const [first, second] = await Promise.all([cleo.send('POST', url, note), cleo.send('POST', url, note)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    const again = await cleo.send('POST', url, { ...note, text: ' 對堅果過敏 ' });
    expect(again.json()).toEqual(first.json());
    const other = await cleo.send('POST', url, { ...note, text: '對花生過敏' });
    expect([other.statusCode, other.json().code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(await product.engine.read((tx) => tx.select().from(memberNotes))).toMatchObject([
      { text: '對堅果過敏', requestId: note.requestId },
    ]);
    const audits = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'member_note.add')),
    );
    expect(audits).toHaveLength(1);
  });
});

describe('a points adjustment from the console', () => {
  it('lets the member’s store manager and admins adjust, once per request, with the balance it left', async () => {
    const mia = await at('mia', tpe);
    const requestId = randomUUID();
    const body = { points: 200, reason: '客訴補償', requestId };
    const first = await mia.send('POST', adjustUrl(), body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ balance: 200 });
    expect((await mia.send('POST', adjustUrl(), body)).json()).toEqual({ balance: 200 });
    const ada = await at('ada');
    expect(
      (await ada.send('POST', adjustUrl(), { points: -50, reason: '誤發', requestId: randomUUID() })).json(),
    ).toEqual({
      balance: 150,
    });
    const refused = await ada.send('POST', adjustUrl(), {
      points: -151,
      reason: '扣太多',
      requestId: randomUUID(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('POINTS_INSUFFICIENT');
    const entries = await product.engine.read((tx) =>
      tx.select().from(pointsLedger).where(eq(pointsLedger.kind, 'adjust')),
    );
    expect(entries.map((e) => [e.points, e.note])).toEqual([
      [200, '客訴補償'],
      [-50, '誤發'],
    ]);
  });

  it('refuses clerks and another store’s manager, and bad fields by name, writing nothing', async () => {
    const body = { points: 10, reason: '測試', requestId: randomUUID() };
    expect((await (await at('cleo', tpe)).send('POST', adjustUrl(), body)).statusCode).toBe(403);
    const ken = await at('ken', khh);
    const other = await ken.send('POST', adjustUrl(), body);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    const mia = await at('mia', tpe);
    const bad = await mia.send('POST', adjustUrl(), { points: 0, reason: '', requestId: 'again' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      points: 'POINTS_INVALID',
      reason: 'REASON_INVALID',
      requestId: 'REQUEST_ID_INVALID',
    });
    expect((await mia.send('POST', adjustUrl(), { ...body, points: 1.5 })).json().fields).toEqual({
      points: 'INVALID',
    });
    expect((await mia.send('POST', adjustUrl(), { ...body, memo: 'x' })).json().fields).toEqual({
      memo: 'UNKNOWN_FIELD',
    });
    const entries = await product.engine.read((tx) => tx.select().from(pointsLedger));
    expect(entries.filter((e) => e.kind === 'adjust')).toEqual([]);
  });
});
