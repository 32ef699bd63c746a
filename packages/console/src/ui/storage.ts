/**
 * localStorage that never throws: private modes, a full quota or a blocked storage must not
 * break the console; what cannot be kept simply is not kept.
 */
export const storage = {
  /** The JSON value under `key`, or `undefined`. */
  get<T>(key: string): T | undefined {
    try {
      const raw = localStorage.getItem(key);
      // Only this console writes these keys; callers check the shape where it matters.
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  },
  /** Keeps `value` as JSON under `key`; `undefined` removes it. Returns whether it was kept. */
  set(key: string, value: unknown): boolean {
    try {
      if (value === undefined) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  },
  /** Keys that start with `prefix`. */
  keys(prefix: string): string[] {
    try {
      return Object.keys(localStorage).filter((key) => key.startsWith(prefix));
    } catch {
      return [];
    }
  },
};
