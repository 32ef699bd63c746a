import { LRUCache } from 'lru-cache';

/** Options of {@link WindowLimiter}. */
export interface WindowLimiterOptions {
  /** Tries per key in one window. */
  max: number;
  /** How long a window lasts, in ms. */
  windowMs: number;
  /**
   * Keys remembered at once; past it the least recently counted is forgotten, so that a flood of
   * made-up keys (emails, say) cannot fill the memory.
   * @default 10000
   */
  keys?: number;
}

/**
 * A fixed-window count of tries per key (a site, an email), bounded in keys and in time: a
 * window is forgotten when it ends.
 *
 * @example
 * const perEmail = new WindowLimiter({ max: 10, windowMs: 15 * 60_000 });
 * const wait = perEmail.hit(email);
 * if (wait !== undefined) throw errors.rateLimited(wait);
 */
export class WindowLimiter {
  readonly #windows: LRUCache<string, { start: number; count: number }>;

  constructor(private readonly options: WindowLimiterOptions) {
    this.#windows = new LRUCache({ max: options.keys ?? 10_000, ttl: options.windowMs });
  }

  /** Counts one try for `key`: answers the seconds to wait when it is one too many, else `undefined`. */
  hit(key: string, now = Date.now()): number | undefined {
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.options.max) return undefined;
    return Math.max(1, Math.ceil((window.start + this.options.windowMs - now) / 1000));
  }

  /** Keys counted now. */
  get size(): number {
    return this.#windows.size;
  }
}
