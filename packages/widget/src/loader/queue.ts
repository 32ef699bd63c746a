import type { QueuedCall, WidgetApi } from './api.js';

/**
 * Replays calls queued before the script loaded, in order. The snippet that queues them:
 *
 * ```js
 * window.Sori = window.Sori || function () { (window.Sori.q = window.Sori.q || []).push(arguments) };
 * Sori('open', { kind: 'complaint' });
 * ```
 */
export function replay(queued: readonly QueuedCall[], api: WidgetApi): void {
  for (const call of queued) {
    const [method, ...args] = Array.from(call);
    dispatch(api, method, args);
  }
}

/** Calls `api[method](...args)` when `method` is one of the API's; says so on the console otherwise. */
export function dispatch(api: WidgetApi, method: unknown, args: unknown[]): unknown {
  const fn = typeof method === 'string' && Object.hasOwn(api, method) ? (api as unknown as Record<string, unknown>)[method] : undefined;
  if (typeof fn !== 'function') {
    console.error(`[sori] Sori('${String(method)}') is not a method: see the README for the API`);
    return undefined;
  }
  return (fn as (...a: unknown[]) => unknown)(...args);
}
