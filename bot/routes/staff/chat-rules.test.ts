import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, cannedReplies, chatRules } from '../../../db/schema.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'cleo', 'clerk', [tpe]);
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'ada', 'admin');
});
afterEach(() => product.close());

const hours = { kind: 'text', zh: '營業時間：每天 10:00–21:00。', en: 'We are open 10:00–21:00 every day.' };
const actions = (action: string) =>
  product.engine.read((tx) => tx.select().from(auditLog).where(eq(auditLog.action, action)));

describe('the keyword replies', () => {
  it('lists the default rules in order, and lets a marketer add, change and delete one, audited', async () => {
    const max = await signedIn(product.app, 'max');
    const defaults = (await max.get('/api/staff/chat/rules')).json().rules;
    expect(defaults.map((r: { reply: { kind: string } }) => r.reply.kind)).toEqual([
      'card',
      'points',
      'coupons',
    ]);
    const created = await max.send('POST', '/api/staff/chat/rules', {
      keywords: [' 營業時間 ', 'hours', 'HOURS'],
      match: 'contains',
      reply: hours,
      enabled: true,
    });
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({
      keywords: ['營業時間', 'hours'],
      match: 'contains',
      reply: hours,
      position: 4,
    });
    const changed = await max.send('PATCH', `/api/staff/chat/rules/${rule.id}`, {
      enabled: false,
      position: 0,
    });
    expect(changed.json()).toMatchObject({ enabled: false, position: 0, keywords: ['營業時間', 'hours'] });
    expect((await max.get('/api/staff/chat/rules')).json().rules[0].id).toBe(rule.id);
    expect((await max.send('DELETE', `/api/staff/chat/rules/${rule.id}`)).statusCode).toBe(204);
    expect((await max.send('DELETE', `/api/staff/chat/rules/${rule.id}`)).json().code).toBe(
      'CHAT_RULE_NOT_FOUND',
    );
    expect((await actions('chat_rule.create')).length).toBe(1);
    expect((await actions('chat_rule.update'))[0]!.before).toMatchObject({ enabled: true, position: 4 });
    expect((await actions('chat_rule.delete')).length).toBe(1);
  });

  it('lets a clerk read the rules but not change them', async () => {
    const cleo = await signedIn(product.app, 'cleo', { storeId: tpe });
    expect((await cleo.get('/api/staff/chat/rules')).statusCode).toBe(200);
    const post = await cleo.send('POST', '/api/staff/chat/rules', {
      keywords: ['x'],
      match: 'exact',
      reply: hours,
      enabled: true,
    });
    expect(post.statusCode).toBe(403);
  });

  it('refuses each wrong field by name and writes nothing', async () => {
    const max = await signedIn(product.app, 'max');
    const before = await product.engine.read((tx) => tx.select().from(chatRules));
    const bad = await max.send('POST', '/api/staff/chat/rules', {
      keywords: ['  '],
      match: 'exact',
      reply: { kind: 'text', zh: '', en: 'x'.repeat(5_001) },
      enabled: true,
      position: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      keywords: 'KEYWORDS_INVALID',
      'reply.zh': 'TEXT_INVALID',
      'reply.en': 'TEXT_INVALID',
      position: 'POSITION_INVALID',
    });
    const unknown = await max.send('POST', '/api/staff/chat/rules', {
      keywords: ['a'],
      match: 'regex',
      reply: { kind: 'card' },
      enabled: true,
    });
    expect(unknown.json().fields).toEqual({ match: 'INVALID' });
    const extra = await max.send('PATCH', `/api/staff/chat/rules/${before[0]!.id}`, { colour: 'red' });
    expect(extra.json().fields).toEqual({ colour: 'UNKNOWN_FIELD' });
    expect(await product.engine.read((tx) => tx.select().from(chatRules))).toEqual(before);
  });
});

describe('the canned replies', () => {
  it('lets a marketer write them and a clerk list them, but not change them', async () => {
    const max = await signedIn(product.app, 'max');
    const created = await max.send('POST', '/api/staff/chat/canned-replies', {
      title: ' 營業時間 ',
      text: '每天 10:00–21:00。',
    });
    expect(created.statusCode).toBe(201);
    const reply = created.json();
    expect(reply).toMatchObject({ title: '營業時間', text: '每天 10:00–21:00。' });
    const cleo = await signedIn(product.app, 'cleo', { storeId: tpe });
    expect((await cleo.get('/api/staff/chat/canned-replies')).json().cannedReplies).toEqual([reply]);
    const url = `/api/staff/chat/canned-replies/${reply.id}`;
    expect((await cleo.send('PATCH', url, { text: '改' })).statusCode).toBe(403);
    expect((await cleo.send('DELETE', url)).statusCode).toBe(403);
    expect((await max.send('PATCH', url, { text: '每天 11:00–22:00。' })).json().text).toBe(
      '每天 11:00–22:00。',
    );
    expect((await max.send('DELETE', url)).statusCode).toBe(204);
    expect((await max.send('PATCH', url, { text: '不在了' })).json().code).toBe('CANNED_REPLY_NOT_FOUND');
    expect((await actions('canned_reply.create')).length).toBe(1);
    expect((await actions('canned_reply.update')).length).toBe(1);
    expect((await actions('canned_reply.delete')).length).toBe(1);
  });

  it('refuses each wrong field by name and writes nothing', async () => {
    const ada = await signedIn(product.app, 'ada');
    const bad = await ada.send('POST', '/api/staff/chat/canned-replies', { title: '', text: ' ' });
    expect(bad.json().fields).toEqual({ title: 'TITLE_INVALID', text: 'TEXT_INVALID' });
    const missing = await ada.send('POST', '/api/staff/chat/canned-replies', { title: '缺內容' });
    expect(missing.json().fields).toEqual({ text: 'REQUIRED' });
    expect(await product.engine.read((tx) => tx.select().from(cannedReplies))).toEqual([]);
  });
});
