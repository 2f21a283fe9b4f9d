// Fifty stores across Taiwan, opened three years ago, each with a clerk whose password nobody knows.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../bot/domain/passwords.ts';
import { createStore } from '../../bot/domain/stores.ts';
import type { Engine } from '../../db/engine.ts';
import { staff, staffStores } from '../../db/schema.ts';

type Town = [code: string, city: string, street: string, stores: number];
const TOWNS: Town[] = [
  ['TPE', '台北', '台北市信義區松仁路', 9],
  ['NTP', '新北', '新北市板橋區文化路', 9],
  ['TYN', '桃園', '桃園市中壢區中正路', 6],
  ['HSZ', '新竹', '新竹市東區光復路', 4],
  ['TXG', '台中', '台中市西屯區台灣大道', 7],
  ['CHW', '彰化', '彰化縣彰化市中山路', 2],
  ['TNN', '台南', '台南市東區中華東路', 5],
  ['KHH', '高雄', '高雄市前鎮區中山二路', 6],
  ['ILN', '宜蘭', '宜蘭縣羅東鎮公正路', 1],
  ['HUN', '花蓮', '花蓮縣花蓮市中山路', 1],
];

/** A store as the seeded purchases need it: its id, its code (in references) and its clerk (on the till). */
export interface SeededStore {
  id: number;
  code: string;
  clerkId: number;
}

/**
 * The stores and their clerks, in one transaction. One scrypt hash for all the clerks, made before it: fifty
 * would take seconds, and no hashing runs inside a transaction.
 */
export async function seedStores(engine: Engine, now: Date): Promise<SeededStore[]> {
  const at = new Date(now.getTime() - 3 * 365 * 86_400_000);
  const passwordHash = await hashPassword(randomBytes(18).toString('base64url'));
  return engine.write(async (tx) => {
    const seeded: SeededStore[] = [];
    for (const [code, city, street, n] of TOWNS) {
      for (let i = 0; i < n; i++) {
        const name = `${city}${i + 1}號店`;
        const address = `${street}${10 + i * 7}號`;
        const storeCode = `${code}${String(i + 1).padStart(2, '0')}`;
        const store = await createStore(tx, { code: storeCode, name, address }, at);
        const [clerk] = await tx
          .insert(staff)
          .values({
            username: `clerk.${storeCode.toLowerCase()}`,
            displayName: `${name}店員`,
            passwordHash,
            role: 'clerk',
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: staff.id });
        await tx.insert(staffStores).values({ staffId: clerk!.id, storeId: store.id });
        seeded.push({ id: store.id, code: store.code, clerkId: clerk!.id });
      }
    }
    return seeded;
  });
}
