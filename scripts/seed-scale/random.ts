// The random draws behind the simulated history and its rows. All of them come from Math.random, in a fixed
// order, so a run is the same run for the same sequence of draws.

/** One of `items`, each as likely. */
export const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(Math.random() * items.length)]!;

/** A standard normal draw (Box–Muller). */
export const gauss = () =>
  Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());

/** A Poisson draw: a product of uniforms for small means, the normal approximation above 30. */
export function poisson(mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
  let k = 0;
  for (let p = Math.random(), limit = Math.exp(-mean); p > limit; p *= Math.random()) k++;
  return k;
}

/** What `make` gives, drawn again until `taken` does not hold it yet; then `taken` holds it. */
export function unique(taken: Set<string>, make: () => string): string {
  let value = make();
  while (taken.has(value)) value = make();
  taken.add(value);
  return value;
}
