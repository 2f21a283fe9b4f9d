// The random draws behind the simulated history and its rows. All of them come from random(), in a fixed order,
// so a run is the same run for the same seed: a test seeds a fixed one and gets the same database every time.

let state = 0x9e3779b9;

/** Starts the sequence of draws again from `seed` (a 32-bit integer). */
export function seedRandom(seed: number): void {
  state = seed >>> 0;
}

/** A uniform draw in [0, 1): mulberry32, small and good enough for simulated shoppers (not for secrets). */
export function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** One of `items`, each as likely. */
export const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(random() * items.length)]!;

/** A standard normal draw (Box–Muller). */
export const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** A Poisson draw: a product of uniforms for small means, the normal approximation above 30. */
export function poisson(mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
  let k = 0;
  for (let p = random(), limit = Math.exp(-mean); p > limit; p *= random()) k++;
  return k;
}

/** What `make` gives, drawn again until `taken` does not hold it yet; then `taken` holds it. */
export function unique(taken: Set<string>, make: () => string): string {
  let value = make();
  while (taken.has(value)) value = make();
  taken.add(value);
  return value;
}
