import type { Engine } from '../db/engine.ts';
import { commandLine } from './domain/actor.ts';
import { importMembership } from './domain/members.ts';
import { earnPoints } from './domain/points-earning.ts';
import { createStaff, findStaffByUsername } from './domain/staff.ts';
import { activeStores, createStore } from './domain/stores.ts';

/** The in-store member a demo visitor can claim in the LIFF app, to see a card with real points and history. */
export const demoClaim = { phone: '0933111222', birthday: '1965-03-08', name: '陳美玲' };

/**
 * The demo's staff sign-ins, printed at start (demo only: these passwords are public). The store manager and
 * the clerk work at the first store; the manager is the one who may void and refund there.
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
 * The demo's admin, store manager and clerk, each once, with the same domain function the console uses. By
 * username, so that a demo database from before the store manager was added gains one at its next start.
 */
export async function seedDemoStaff(engine: Engine, now: Date): Promise<void> {
  const storeIds = (await activeStores(engine)).slice(0, 1).map((store) => store.id);
  for (const person of demoStaff) {
    if (await engine.read((tx) => findStaffByUsername(tx, person.username))) continue;
    await createStaff(engine, { ...person, storeIds }, commandLine, now);
  }
}
