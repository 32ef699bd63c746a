/**
 * How long to wait after `failures` failures in a row: doubling from a second up to `capMs`, with
 * jitter over the upper half, so many browsers coming back at once do not all knock together.
 *
 * @example
 * backoff(1, 300_000); // 500 to 1,000 ms
 * backoff(40, 300_000); // 150,000 to 300,000 ms
 */
export function backoff(failures: number, capMs: number): number {
  const ceiling = Math.min(capMs, 1000 * 2 ** Math.min(failures - 1, 20));
  return Math.round(ceiling * (0.5 + Math.random() / 2));
}
