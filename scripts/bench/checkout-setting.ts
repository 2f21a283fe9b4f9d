// What the two processes of bench:checkout share: the run's shape, the clerk, and the messages between them.

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const WARM_UP_SECONDS = 2;
/** Connections of the load generator, and pgbench's clients: the same concurrency on both. */
export const CONNECTIONS = 10;
/** Members the requests go to, each once before any is used again. */
export const POOL = 40_000;
export const CLERK = { username: 'bench.clerk', password: 'bench-clerk-password' };

/** A member the requests go to: found at the counter by card (to pay with points) or by member number. */
export type Member = {
  id: number;
  balance: number;
  memberNumber: string;
  cardId: string;
  cardSecret: string;
};
export type Policy = { minRedeemPoints: number; maxRedeemPercent: number; pointValue: number };

/** The servers' child process, once both listen. */
export type Ready = {
  app: string;
  baseline: string;
  storeId: number;
  members: Member[];
  policy: Policy;
  /** Notices left pending by earlier runs or scripts: the sender pushes them during this run. */
  backlog: number;
};

/** What the database holds of the run, once the pushes are drained. */
export type Stored = {
  purchases: [key: string, id: number][];
  earnEntries: number;
  members: number;
  unequal: number[];
  notices: Record<string, number>;
  drainMs: number;
};
