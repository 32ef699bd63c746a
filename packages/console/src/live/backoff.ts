/**
 * How long to wait before reconnect attempt `attempt` (0-based): doubling from 1 s up to 30 s,
 * with jitter between half and all of it, so that many consoles that lost the same server do not
 * all come back at the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(ceiling * (0.5 + random() / 2));
}
