// The load of bench:checkout, in the parent process so that the load generator does not share the servers' event
// loop: the clerk's sign-in, the purchases planned before the load, the lookups that find their members at the
// counter (a lookup token each: by card for those who pay with points, by member number for the others), and
// autocannon runs that note which purchases were acknowledged under which id.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { cardCode } from '../../bot/domain/member-card.ts';
import { CLERK, CONNECTIONS, type Member, type Ready } from './checkout-setting.ts';

type Plan = { key: string; member: Member; price: number; redeemPoints: number; reference: string };
type Body = { key: string; raw: Buffer };

/**
 * Signs in as the bench's clerk at its store (or as `who`), as the console does: the session cookie and the
 * x-csrf-token header.
 */
export async function signIn(
  ready: Ready,
  who: { username: string; password: string; storeId?: number } = { ...CLERK, storeId: ready.storeId },
): Promise<Record<string, string>> {
  const response = await fetch(`${ready.app}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
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
 * Every purchase is planned before the load: a member of the pool each, a varied price, a quarter of them paying
 * with points within the policy's rules, each with its own idempotency key and receipt `${run}-<n>`. `lookUp`
 * finds each plan's member at the counter before the load, as the clerk's page does, for its lookup token: the
 * purchase pays with it, once. One purchase per member of the pool: a run that needs more says so.
 */
export function checkoutLoad(ready: Ready, session: Record<string, string>, run: string) {
  const { members, policy } = ready;
  const plan = (i: number): Plan => {
    const member = members[i]!;
    const price = Math.max(
      30,
      Math.round((600 * Math.exp(0.8 * (Math.random() + Math.random() - 1))) / 5) * 5,
    );
    const most = Math.min(
      member.balance,
      Math.floor(Math.floor((price * policy.maxRedeemPercent) / 100) / policy.pointValue),
    );
    const redeem = most >= policy.minRedeemPoints && Math.random() < 0.25;
    const redeemPoints = redeem
      ? policy.minRedeemPoints + Math.floor(Math.random() * (most - policy.minRedeemPoints + 1))
      : 0;
    return { key: randomUUID(), member, price, redeemPoints, reference: `${run}-${i}` };
  };
  const plans = Array.from({ length: members.length }, (_, i) => plan(i));
  const tokens: (string | undefined)[] = [];
  const bodyOf = (i: number): Body => {
    const { key, price, redeemPoints, reference } = plans[i % plans.length]!;
    const lookupToken = tokens[i % plans.length] ?? 'not-looked-up';
    return {
      key,
      raw: Buffer.from(JSON.stringify({ lookupToken, price, redeemPoints, reference, idempotencyKey: key })),
    };
  };
  const redeeming = plans.filter((p) => p.redeemPoints > 0).length;
  let sent = 0;
  let reused = 0;
  /** The earn route uses each planned purchase once; the baseline reuses them. */
  const take = (earn: boolean): Body => (earn ? bodyOf(sent++) : bodyOf(reused++));
  const acked = new Map<string, number>();
  let answers = 0;
  let replayed = 0;

  return {
    /**
     * Looks each planned purchase's member up at the counter (`lookupUrl`), ten at a time: by the card's code
     * (made now, as the member's phone shows it) for those who pay with points, by member number for the others.
     */
    lookUp: async (lookupUrl: string) => {
      let next = 0;
      const result = await autocannon({
        url: lookupUrl,
        method: 'POST',
        connections: CONNECTIONS,
        amount: plans.length,
        requests: [
          {
            setupRequest: (request, context: { i?: number }) => {
              const i = next++;
              context.i = i;
              const { member, redeemPoints } = plans[i]!;
              const query =
                redeemPoints > 0
                  ? { code: cardCode(member, new Date()) }
                  : { memberNumber: member.memberNumber };
              const headers = { 'content-type': 'application/json', ...session };
              return { ...request, body: JSON.stringify(query), headers };
            },
            onResponse: (status, body, context: { i?: number }) => {
              if (status === 200)
                tokens[context.i!] = (JSON.parse(body) as { lookup: { token: string } }).lookup.token;
            },
          },
        ],
      });
      return { result, found: tokens.filter(Boolean).length };
    },
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
      sentKeys: new Set(plans.slice(0, sent).map((plan) => plan.key)),
      redeeming,
      madeFirst: plans.length,
      /** More purchases were sent than members were looked up: the pool was too small for the run. */
      exhausted: sent > plans.length,
    }),
  };
}

export type Tally = ReturnType<ReturnType<typeof checkoutLoad>['tally']>;
