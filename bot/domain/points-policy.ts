import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { prepared } from '../../db/prepared.ts';
import { pointsPolicy } from '../../db/schema.ts';
import { TAIPEI_MS } from './taipei-time.ts';

export type PointsPolicy = typeof pointsPolicy.$inferSelect;

/** The brand's one points policy (migration 0003 creates it with the defaults). */
const thePolicy = prepared('points_policy', (tx) =>
  tx.select().from(pointsPolicy).where(eq(pointsPolicy.id, 1)),
);

export async function currentPolicy(tx: Tx): Promise<PointsPolicy> {
  const [policy] = await thePolicy(tx).execute();
  if (!policy) throw new Error('The points policy is missing: run the migrations');
  return policy;
}

/** When points earned at `earnedAt` expire under the policy: by default 24:00 on 31 December of the next year. */
export function expiryUnder(policy: Pick<PointsPolicy, 'expiry' | 'expiryMonths'>, earnedAt: Date): Date {
  const taipei = new Date(earnedAt.getTime() + TAIPEI_MS);
  if (policy.expiry === 'months' && policy.expiryMonths) {
    // The end of the day, N months on, in Taipei.
    const day = Date.UTC(
      taipei.getUTCFullYear(),
      taipei.getUTCMonth() + policy.expiryMonths,
      taipei.getUTCDate() + 1,
    );
    return new Date(day - TAIPEI_MS);
  }
  return new Date(Date.UTC(taipei.getUTCFullYear() + 2, 0, 1) - TAIPEI_MS);
}
