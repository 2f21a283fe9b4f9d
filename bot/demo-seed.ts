import type { Engine } from '../db/engine.ts';
import { commandLine } from './domain/actor.ts';
import { createTemplate, listTemplates, type TemplateFields } from './domain/coupon-templates.ts';
import { importMembership } from './domain/members.ts';
import { earnPoints } from './domain/points-earning.ts';
import { createStaff, findStaffByUsername } from './domain/staff.ts';
import { activeStores, createStore } from './domain/stores.ts';

/** The in-store member a demo visitor can claim in the LIFF app, to see a card with real points and history. */
export const demoClaim = { phone: '0933111222', birthday: '1965-03-08', name: '陳美玲' };

/**
 * The demo's staff sign-ins, printed at start (demo only: these passwords are public). The store manager and
 * the clerk work at the first store; the manager is the one who may void and refund there. The marketer builds
 * segments and campaigns across the stores.
 */
export const demoStaff = [
  { username: 'admin', password: 'demo-admin-2026', displayName: '林管理員', role: 'admin' as const },
  {
    username: 'manager',
    password: 'demo-manager-2026',
    displayName: '張店長',
    role: 'store_manager' as const,
  },
  { username: 'clerk', password: 'demo-clerk-2026', displayName: '王店員', role: 'clerk' as const },
  {
    username: 'marketer',
    password: 'demo-marketer-2026',
    displayName: '李行銷',
    role: 'marketer' as const,
  },
];

const demoStores = [
  { code: 'TPE01', name: '台北信義店', address: '台北市信義區松高路 11 號' },
  { code: 'TXG01', name: '台中公益店', address: '台中市西區公益路 68 號' },
  { code: 'KHH01', name: '高雄漢神店', address: '高雄市前金區成功一路 266 號' },
];

/**
 * Demo data, written once into a fresh demo database: three stores, and a member imported from the shops with
 * fourteen months of purchases (some points expire soon), ready to be claimed. Uses the same domain functions as
 * the product, so what the demo shows is what the product computes.
 */
export async function seedDemo(engine: Engine, now: Date): Promise<void> {
  await seedDemoCoupons(engine, now);
  if ((await activeStores(engine)).length > 0) return;
  const joinedAt = new Date(now.getTime() - 430 * 86_400_000);
  const { stores, member } = await engine.write(async (tx) => {
    const stores = [];
    for (const store of demoStores) stores.push(await createStore(tx, store, now));
    const member = await importMembership(
      tx,
      { ...demoClaim, homeStoreId: stores[0]!.id, memberNumber: 'M100000001' },
      joinedAt,
    );
    return { stores, member };
  });
  for (let month = 14; month >= 1; month--) {
    const at = new Date(now.getTime() - month * 30 * 86_400_000);
    const amount = 600 + ((month * 370) % 1900);
    await earnPoints(engine, {
      memberId: member.id,
      points: Math.floor(amount / 50),
      amount,
      storeId: stores[month % stores.length]!.id,
      channel: month % 4 === 0 ? 'online' : 'store',
      reference: `R${String(202400 + month)}`,
      idempotencyKey: `demo-seed-${month}`,
      at,
    });
  }
}

/**
 * The demo's admin, store manager, clerk and marketer, each once, with the same domain function the console uses. By
 * username, so that a demo database from before the store manager was added gains one at its next start.
 */
export async function seedDemoStaff(engine: Engine, now: Date): Promise<void> {
  const storeIds = (await activeStores(engine)).slice(0, 1).map((store) => store.id);
  for (const person of demoStaff) {
    if (await engine.read((tx) => findStaffByUsername(tx, person.username))) continue;
    await createStaff(engine, { ...person, storeIds }, commandLine, now);
  }
}

const shared = { channels: ['store' as const], stackable: false, perMemberCap: 1 };

/** The demo's coupons, one for each way in a member meets: a claim link, a lottery, points, joining. */
export const demoCoupons: TemplateFields[] = [
  {
    ...shared,
    ...{ kind: 'amount_off', amountOff: 50, minSpend: 300, validDays: 30, totalCap: 500, claimable: true },
    title: '滿 300 折 50',
    titleEn: 'NT$50 off NT$300',
    terms: '單筆消費滿 NT$300 折 NT$50，每次消費限用一張，不可與其他優惠併用。',
    termsEn: 'NT$50 off a purchase of NT$300 or more. One per purchase; not with other offers.',
  },
  {
    ...shared,
    ...{ kind: 'gift', giftName: '手工餅乾', giftNameEn: 'Handmade cookie', minSpend: 0, validDays: 14 },
    ...{ totalCap: 200, claimable: true, lotteryWinPercent: 30 },
    title: '抽手工餅乾一片',
    titleEn: 'Draw for a free cookie',
    terms: '每位會員可抽一次，中獎率 30%，送完為止。到店出示會員卡兌換。',
    termsEn: 'One draw per member, a 30% chance while they last. Show your member card in store.',
  },
  {
    ...{ channels: ['store' as const], stackable: false, perMemberCap: null },
    ...{
      kind: 'gift',
      giftName: '拿鐵一杯',
      giftNameEn: 'A latte',
      minSpend: 0,
      validDays: 30,
      pointsPrice: 100,
    },
    title: '100 點換拿鐵',
    titleEn: 'A latte for 100 points',
    terms: '以 100 點兌換中杯拿鐵一杯，兌換後 30 天內有效。',
    termsEn: 'A medium latte for 100 points, good for 30 days after the exchange.',
  },
  {
    ...shared,
    ...{ kind: 'amount_off', amountOff: 80, minSpend: 200, validDays: 30, autoIssue: 'join' },
    title: '新會員見面禮 折 80',
    titleEn: 'Welcome: NT$80 off',
    terms: '加入會員即贈，單筆消費滿 NT$200 折 NT$80，30 天內有效。',
    termsEn: 'Given on joining: NT$80 off a purchase of NT$200 or more, good for 30 days.',
  },
];

/**
 * The demo's coupon templates, each once (by title), with the console's own domain function: a demo database from
 * before coupons gains them at its next start.
 */
export async function seedDemoCoupons(engine: Engine, now: Date): Promise<void> {
  const titles = new Set((await listTemplates(engine, commandLine)).map((template) => template.title));
  for (const fields of demoCoupons)
    if (!titles.has(fields.title)) await createTemplate(engine, fields, commandLine, now);
}
