import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, businessHours, chatSettings } from '../../../db/schema.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'ada', 'admin');
});
afterEach(() => product.close());

/** PUT as the console sends it (the shared test client knows GET, POST, PATCH and DELETE). */
async function staffAt(name: string, storeId?: number) {
  const session = await signedIn(product.app, name, storeId ? { storeId } : {});
  const put = (url: string, payload: object) =>
    product.app.inject({
      method: 'PUT',
      url,
      payload,
      cookies: { staff_session: session.cookie.value },
      headers: { 'x-csrf-token': session.csrfToken },
    });
  return { ...session, put };
}

const settings = () => ({
  awayZh: '現在是非營業時間，我們明天回覆您。',
  awayEn: 'We are closed; we will reply tomorrow.',
  soonZh: '專人稍後回覆您。',
  soonEn: 'Staff will reply soon.',
  retentionDays: 365,
  hours: [
    { storeId: null, weekday: 1, opens: '09:00', closes: '18:00' },
    { storeId: tpe, weekday: 6, opens: '11:00', closes: '14:00' },
    { storeId: tpe, weekday: 6, opens: '17:00', closes: '21:30' },
  ],
});

describe('the chat settings', () => {
  it('lets an admin replace the texts, the retention and every business hour, audited', async () => {
    const ada = await staffAt('ada');
    const saved = await ada.put('/api/staff/chat/settings', settings());
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual(settings());
    const mia = await staffAt('mia', tpe);
    expect((await mia.get('/api/staff/chat/settings')).json()).toEqual(settings());
    const [audit] = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'chat_settings.update')),
    );
    expect(audit!.after).toEqual(settings());
    expect((audit!.before as { retentionDays: number }).retentionDays).toBe(180);
  });

  it('lets store staff read them but only admins change them; marketers neither', async () => {
    const mia = await staffAt('mia', tpe);
    const current = await mia.get('/api/staff/chat/settings');
    expect(current.statusCode).toBe(200);
    expect((await mia.put('/api/staff/chat/settings', current.json())).statusCode).toBe(403);
    const max = await staffAt('max');
    expect((await max.get('/api/staff/chat/settings')).statusCode).toBe(403);
    expect((await max.put('/api/staff/chat/settings', current.json())).statusCode).toBe(403);
  });

  it('refuses each wrong field by name and changes nothing', async () => {
    const ada = await staffAt('ada');
    const before = await product.engine.read(async (tx) => ({
      settings: await tx.select().from(chatSettings),
      hours: await tx.select().from(businessHours),
    }));
    const bad = await ada.put('/api/staff/chat/settings', {
      ...settings(),
      awayZh: ' ',
      retentionDays: 29,
      hours: [
        { storeId: null, weekday: 7, opens: '9:00', closes: '18:00' },
        { storeId: 999, weekday: 1, opens: '12:00', closes: '11:00' },
        { storeId: tpe, weekday: 2, opens: '10:00', closes: '14:00' },
        { storeId: tpe, weekday: 2, opens: '13:00', closes: '20:00' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      awayZh: 'TEXT_INVALID',
      retentionDays: 'RETENTION_INVALID',
      'hours.0.weekday': 'WEEKDAY_INVALID',
      'hours.0.opens': 'TIME_INVALID',
      'hours.1.storeId': 'STORE_NOT_FOUND',
      'hours.1.closes': 'CLOSES_BEFORE_OPENS',
      'hours.3': 'HOURS_OVERLAP',
    });
    const retention = await ada.put('/api/staff/chat/settings', {
      ...settings(),
      retentionDays: 3651,
    });
    expect(retention.json().fields).toEqual({ retentionDays: 'RETENTION_INVALID' });
    const { hours: _, ...partial } = settings();
    expect((await ada.put('/api/staff/chat/settings', partial)).json().fields).toEqual({
      hours: 'REQUIRED',
    });
    const after = await product.engine.read(async (tx) => ({
      settings: await tx.select().from(chatSettings),
      hours: await tx.select().from(businessHours),
    }));
    expect(after).toEqual(before);
  });
});
