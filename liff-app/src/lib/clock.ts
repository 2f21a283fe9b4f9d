/** The time the card's codes follow: the system's, ticking every second, or a test's, set by hand. */
export interface Clock {
  now(): number;
  subscribe(onTick: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  subscribe(onTick) {
    const timer = setInterval(onTick, 1000);
    return () => clearInterval(timer);
  },
};
