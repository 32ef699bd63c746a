/** A tiny typed event emitter: the SDK's `on`/`off`. */
export class Emitter<Events> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Calls `listener` on each `event`; answers the function that stops it. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  /** Stops calling `listener` on `event`. */
  off<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): void {
    this.#listeners.get(event)?.delete(listener);
  }

  /** Calls each listener of `event` with `payload`. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      // One failing listener must not keep the others, or the SDK, from going on: its error is
      // rethrown on its own task, where the page's error reporting sees it.
      try {
        (listener as (payload: Events[E]) => void)(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  /** Drops every listener (on `destroy()`). */
  clear(): void {
    this.#listeners.clear();
  }
}
