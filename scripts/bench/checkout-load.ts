// The load of bench:checkout, in the parent process so that the load generator does not share the servers' event
// loop: the clerk's sign-in, the purchase requests (made before the load), and autocannon runs that note which
// purchases were acknowledged under which id.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { CLERK, CONNECTIONS, type Ready } from './checkout-setting.ts';

type Body = { key: string; raw: Buffer };

/** Signs in as the bench's clerk, as the clerk page does: the session cookie and the x-csrf-token header. */
export async function signIn(ready: Ready): Promise<Record<string, string>> {
  const response = await fetch(`${ready.app}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...CLERK, storeId: ready.storeId }),
  });
  if (response.status !== 200) throw new Error(`Sign-in failed: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('staff_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/**
 * Every earn request is made before the load: a random member of the pool, a varied price, a quarter of them
 * paying with points within the policy's rules, each with its own idempotency key and receipt `${run}-<n>`.
 */
export function checkoutLoad(ready: Ready, session: Record<string, string>, run: string) {
  const { members, policy } = ready;
  const makeBody = (i: number): Body => {
    const member = members[i % members.length]!;
    const price = Math.max(
      30,
      Math.round((600 * Math.exp(0.8 * (Math.random() + Math.random() - 1))) / 5) * 5,
    );
    const most = Math.min(
      member.balance,
      Math.floor(Math.floor((price * policy.maxRedeemPercent) / 100) / policy.pointValue),
    );
    // Only on a member's first request: their balance is known then, whatever the others did.
    const redeem = i < members.length && most >= policy.minRedeemPoints && Math.random() < 0.25;
    const redeemPoints = redeem
      ? policy.minRedeemPoints + Math.floor(Math.random() * (most - policy.minRedeemPoints + 1))
      : 0;
    const key = randomUUID();
    const body = { memberId: member.id, price, redeemPoints, reference: `${run}-${i}`, idempotencyKey: key };
    return { key, raw: Buffer.from(JSON.stringify(body)) };
  };
  const bodies = Array.from({ length: members.length }, (_, i) => makeBody(i));
  const redeeming = bodies.filter((b) => !b.raw.includes('"redeemPoints":0')).length;
  let sent = 0;
  let reused = 0;
  /** The earn route uses each body once (more are made if they run out); the baseline reuses them. */
  const take = (earn: boolean): Body => {
    if (!earn) return bodies[reused++ % bodies.length]!;
    bodies[sent] ??= makeBody(sent);
    return bodies[sent++]!;
  };
  const acked = new Map<string, number>();
  let answers = 0;
  let replayed = 0;

  return {
    /** `seconds` of load on `url`: the purchase route when `earn`, else the bare route with the same bodies. */
    run: (url: string, seconds: number, earn: boolean) =>
      autocannon({
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            setupRequest: (request, context: { key?: string }) => {
              const { key, raw } = take(earn);
              context.key = key;
              const headers = { 'content-type': 'application/json', ...(earn ? session : {}) };
              return { ...request, body: raw, headers };
            },
            onResponse: (status, body, context: { key?: string }) => {
              if (!earn || status !== 200) return;
              const answer = JSON.parse(body) as { purchase: { id: number }; replayed: boolean };
              acked.set(context.key!, answer.purchase.id);
              answers++;
              if (answer.replayed) replayed++;
            },
          },
        ],
      }),
    /** What was sent and acknowledged so far. */
    tally: () => ({
      acked,
      answers,
      replayed,
      sentKeys: new Set(bodies.slice(0, sent).map((body) => body.key)),
      redeeming,
      madeFirst: members.length,
    }),
  };
}

export type Tally = ReturnType<ReturnType<typeof checkoutLoad>['tally']>;
