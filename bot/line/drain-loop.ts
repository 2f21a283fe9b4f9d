import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../../db/engine.ts';

/** A background loop: `wake` it when there is work, `idle` to wait for it, `stop` at shutdown. */
export interface DrainLoop {
  /** There is work: drain it, starting on the next turn of the event loop. Returns at once. */
  wake(): void;
  /** Resolves when nothing is being drained: tests await it. */
  idle(): Promise<void>;
  /** Wakes after `ms` (a retry that is due then). */
  wakeAfter(ms: number): void;
  /** Lets the drain in hand finish (it sees `stopping()`) and starts no other. */
  stop(): Promise<void>;
  stopping(): boolean;
}

/**
 * Runs `drain` when woken (and every `pollMs`, when given), one run at a time; a wake during a run starts another
 * run after it, so nothing woken for is left waiting. What a run throws goes to `onError`, and the loop stays
 * ready for the next wake.
 */
export function drainLoop(
  drain: () => Promise<void>,
  onError: (error: unknown) => void,
  pollMs?: number,
): DrainLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  /** Retries waiting for their time: `idle` waits for them too, `stop` drops them. */
  const later = laterWakes(() => wake());
  const poll = pollMs === undefined ? undefined : setInterval(() => wake(), pollMs);
  poll?.unref();

  function wake(): void {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    // The next turn: after the answer that woke it (a webhook's 200, a purchase's receipt) has gone.
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .catch(onError)
      .finally(() => {
        running = null;
        if (again && !stopping) {
          again = false;
          wake();
        }
      });
  }

  async function idle(): Promise<void> {
    while (running || later.pending().length > 0) await Promise.all([running, ...later.pending()]);
  }

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
    stopping: () => stopping,
  };
}

/** Wakes that come later (a retry due then): `pending` resolve as they fire, `cancel` drops them. */
export function laterWakes(wake: () => void) {
  const timers = new Map<NodeJS.Timeout, Promise<void>>();
  return {
    after(ms: number): void {
      let fired!: () => void;
      const timer = setTimeout(() => {
        timers.delete(timer);
        wake();
        fired();
      }, ms);
      timer.unref();
      timers.set(timer, new Promise((resolve) => (fired = resolve)));
    },
    pending: () => [...timers.values()],
    cancel(): void {
      for (const timer of timers.keys()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Under a steady stream of requests, background work still takes a step at least this often. */
export const MAX_DEFERRAL_MS = 20;

/**
 * Before each step of background work (an event, a push): the next turn of the event loop, and while requests
 * wait for their commit, until they are answered (MAX_DEFERRAL_MS at most). Answering comes first.
 */
export async function giveWay(engine: Pick<Engine, 'busy' | 'quiet'>): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (engine.busy()) await Promise.race([engine.quiet(), sleep(MAX_DEFERRAL_MS)]);
}
