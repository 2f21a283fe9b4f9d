import { asc, eq } from 'drizzle-orm';
import { members, pointLots } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import type { Actor } from '../domain/actor.ts';
import { joinMembership, type Member } from '../domain/members.ts';
import { type PurchaseRequest, recordPurchase } from '../domain/purchases.ts';
import { addStore, joinForm } from './members.ts';

/** Monday 12:00 in Taipei: when the counter's purchases happen unless a test says otherwise. */
export const noon = new Date('2026-11-23T04:00:00Z');

/**
 * A fresh database with one store and one member, and the counter acting for the operator. `member` and `actor`
 * may be replaced (a property test takes a member of its own for each run); `buy` pays for whoever is current.
 */
export async function openCounter() {
  const engine = await openTestEngine();
  const storeId = (await addStore(engine)).id;
  const counter = {
    engine,
    member: (await joinMembership(engine, `U${'c'.repeat(32)}`, joinForm(storeId), noon)) as Member,
    actor: { staffId: null, storeId, ip: '127.0.0.1', may: 'everything' } as Actor,
    /** Numbers references and idempotency keys, so that each purchase is a new one. */
    keys: 0,
    /** A purchase by card at `noon`, paid in full unless `overrides` say otherwise. */
    buy: (price: number, overrides: Partial<PurchaseRequest> = {}) =>
      recordPurchase(
        engine,
        {
          member: { id: counter.member.id, proof: 'card' },
          price,
          redeemPoints: 0,
          channel: 'store',
          reference: `R-${++counter.keys}`,
          idempotencyKey: `key-${counter.keys}`,
          at: noon,
          ...overrides,
        },
        counter.actor,
      ),
    /** The member's stored balance. */
    balance: async () =>
      (await engine.read((tx) => tx.select().from(members).where(eq(members.id, counter.member.id))))[0]!
        .pointsBalance,
    /** The member's lots, in the order they were earned. */
    lots: () =>
      engine.read((tx) =>
        tx
          .select()
          .from(pointLots)
          .where(eq(pointLots.memberId, counter.member.id))
          .orderBy(asc(pointLots.id)),
      ),
  };
  return counter;
}

export type Counter = Awaited<ReturnType<typeof openCounter>>;
