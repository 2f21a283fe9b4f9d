import { laterWakes } from './drain-loop.ts';

/** Background work that any instance may do: claimed items, worked on a few at a time. */
export interface WorkPool {
  /** There may be work: claim and start what there is. Returns at once. */
  wake(): void;
  /** Wakes after `ms` (a retry that is due then). */
  wakeAfter(ms: number): void;
  /** Resolves when nothing is claimed, worked on or waiting to be retried: tests await it. */
  idle(): Promise<void>;
  /** Lets the work in hand (and what it claimed) finish, and claims no more. */
  stop(): Promise<void>;
}

/**
 * Claims items with `claim(room)` (a lease in the database, so that two instances never take the same one), a few
 * rounds' worth at a time, and works on up to `concurrency` of them at once; as each ends the next claimed one
 * starts, and when none is left it claims again. Woken by `wake` (a signal from any
 * instance), and every `pollMs` anyway: for retries that have come due and for leases that a dead instance left
 * to run out. What `claim` or `work` throws goes to `onError`, and the pool goes on.
 */
/** How many rounds of work a claim takes at most. */
const CLAIM_AHEAD = 4;

export function workPool<Item>({
  claim,
  work,
  concurrency,
  pollMs,
  onError,
}: {
  claim: (room: number) => Promise<Item[]>;
  work: (item: Item) => Promise<void>;
  concurrency: number;
  pollMs: number;
  onError: (error: unknown) => void;
}): WorkPool {
  const working = new Set<Promise<void>>();
  /** Claimed, not yet started: fewer claims, each a write, than one per item. */
  const claimed: Item[] = [];
  /** Retries waiting for their time: `idle` waits for them too, `stop` drops them. */
  const later = laterWakes(() => wake());
  let filling: Promise<void> | null = null;
  let again = false;
  let stopping = false;

  function start(item: Item): void {
    const done: Promise<void> = work(item)
      .catch(onError)
      .finally(() => {
        working.delete(done);
        const next = claimed.shift();
        if (next === undefined) wake();
        else start(next);
      });
    working.add(done);
  }

  async function fill(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (!stopping && working.size < concurrency && claimed.length === 0) {
      const items = await claim(CLAIM_AHEAD * concurrency - working.size);
      if (items.length === 0) return;
      claimed.push(...items);
      while (working.size < concurrency && claimed.length > 0) start(claimed.shift()!);
    }
  }

  function wake(): void {
    if (stopping) return;
    if (filling) {
      again = true;
      return;
    }
    filling = fill()
      .catch(onError)
      .finally(() => {
        filling = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  async function idle(): Promise<void> {
    while (filling || working.size > 0 || claimed.length > 0 || later.pending().length > 0) {
      await Promise.all([filling, ...working, ...later.pending()]);
    }
  }

  const poll = setInterval(wake, pollMs);
  poll.unref();
  return {
    wake,
    wakeAfter: later.after,
    idle,
    async stop() {
      stopping = true;
      clearInterval(poll);
      later.cancel();
      await idle();
    },
  };
}
