import { useEffect, useState } from 'preact/hooks';
import { adoptStyles } from './adopt-styles.js';

/** The lazily loaded screens: My messages with each submission's thread and follow-up. */
export type ThreadModule = typeof import('../thread/index.js');

let loading: Promise<ThreadModule> | undefined;

/**
 * Loads the thread chunk once. A failed load (offline) is forgotten, so the next call tries again
 * instead of answering the same failure for the rest of the page's life.
 */
export function loadThread(): Promise<ThreadModule> {
  return (loading ??= import('../thread/index.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

/** Whether the browser asks to save data: then nothing is fetched before it is needed. */
const savesData = (): boolean => (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;

/**
 * Fetches the thread chunk at idle once the form is usable, at low priority and never under
 * `Save-Data`, so that My messages is there after sending, offline too; then readies its time
 * formatter for `locale` in a task of its own.
 */
export function prefetchThread(locale: string): void {
  if (savesData()) return;
  // Safari has no requestIdleCallback.
  const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500));
  idle(() => void loadThread().then((module) => setTimeout(module.prepare, 0, locale), () => undefined));
}

/** Roots that have the thread's styles already. */
const styled = new WeakSet<Node>();

/**
 * The thread chunk once `wanted`, with its styles added to the root `host` lives in; `failed`
 * while it cannot be loaded, and then it is tried again when the browser is back online.
 */
export function useThread(wanted: boolean, host: { current: Node | null }): ThreadModule | 'failed' | undefined {
  const [thread, setThread] = useState<ThreadModule | 'failed'>();
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const attempt = () =>
      loadThread().then(
        (module) => {
          const root = host.current?.getRootNode();
          if (!live || !root) return;
          if (!styled.has(root)) adoptStyles(root, module.THREAD_CSS);
          styled.add(root);
          setThread(module);
        },
        () => live && setThread('failed'),
      );
    void attempt();
    window.addEventListener('online', attempt);
    return () => {
      live = false;
      window.removeEventListener('online', attempt);
    };
  }, [wanted]);
  return thread;
}
