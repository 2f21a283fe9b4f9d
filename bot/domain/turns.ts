/**
 * Turns for work that must not all run at once in this process: at most `atOnce` jobs run, the others wait in the
 * order they came; past `waitingAtMost` waiting, `take(job, true)` refuses at once (null), running nothing, so that
 * a burst is answered quickly instead of queueing without bound.
 */
export function turnsOf(atOnce: number, waitingAtMost = Number.POSITIVE_INFINITY) {
  let running = 0;
  let started = 0;
  const waiting: (() => void)[] = [];

  async function runThenPassOn<T>(job: () => Promise<T>): Promise<T> {
    started++;
    try {
      return await job();
    } finally {
      // The turn goes to the next in line as it is, so `running` stays as it is.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  function take<T>(job: () => Promise<T>, unlessBusy: true): Promise<T> | null;
  function take<T>(job: () => Promise<T>, unlessBusy?: false): Promise<T>;
  function take<T>(job: () => Promise<T>, unlessBusy = false): Promise<T> | null {
    if (running < atOnce) {
      running++;
      return runThenPassOn(job);
    }
    if (unlessBusy && waiting.length >= waitingAtMost) return null;
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => runThenPassOn(job));
  }

  return {
    take,
    /** How many jobs run and wait now, and how many have started since the process began. */
    now: () => ({ running, waiting: waiting.length, started }),
  };
}
