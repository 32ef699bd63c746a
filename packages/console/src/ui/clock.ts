import { signal } from '@preact/signals';

/**
 * The time SLA badges and ages are drawn from, moved on every 30 s: badges count down without
 * asking the server again, and a list of hundreds redraws only what depends on the clock.
 */
export const now = signal(Date.now());

let timer: ReturnType<typeof setInterval> | undefined;

/** Starts the 30 s tick (once; the signed-in shell does this). Returns the stop. */
export function startClock(everyMs = 30_000): () => void {
  clearInterval(timer);
  now.value = Date.now();
  timer = setInterval(() => (now.value = Date.now()), everyMs);
  return () => clearInterval(timer);
}
