import fp from 'fastify-plugin';

/** Called when a reporter may have new public events; the listener re-reads from its cursor. */
export type HubListener = () => void;

/**
 * Fan-out of "this reporter has news" to the update streams open on this instance. Notices carry
 * ids only: every stream re-reads the timeline after its own cursor, so a missed or doubled
 * notice never loses or repeats an event.
 */
export class UpdateHub {
  private readonly listeners = new Map<string, Set<HubListener>>();

  /** Listens for one reporter's news; returns the function that stops listening. */
  subscribe(reporterId: string, listener: HubListener): () => void {
    let set = this.listeners.get(reporterId);
    if (!set) this.listeners.set(reporterId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(reporterId);
    };
  }

  /** Tells this instance's streams of a reporter to look for new events. */
  notify(reporterId: string): void {
    for (const listener of this.listeners.get(reporterId) ?? []) listener();
  }

  /** Open streams on this instance. */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Fan-out of new timeline events to open update streams. */
    hub: UpdateHub;
  }
}

export default fp(
  async (app) => {
    app.decorate('hub', new UpdateHub());
  },
  { name: 'sori-hub' },
);
