import type { Item, PublicEvent, Rating, SiteConfig, Sori, SoriEvents, SoriStatus, SubmitInput } from '@sori/sdk';

/**
 * An in-memory stand-in for the SDK with the same events, so panel tests can drive what the
 * server would do (accept, reply) and assert what the shopper sees.
 */
export class FakeSori implements Sori {
  readonly list: Item[] = [];
  /** Every `submit()` input, as the panel passed it. */
  readonly inputs: SubmitInput[] = [];
  /** When set, `submit()` refuses with it (as the SDK does when its outbox is full). */
  refuse: Error | undefined;
  /** The site's products, as `config()` answers them. */
  products: string[] = [];
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private nextEvent = 1;
  /** When false, submissions stay queued as if offline. */
  online = true;
  storage: SoriStatus['storage'] = 'indexeddb';

  private emit<E extends keyof SoriEvents>(event: E, payload: SoriEvents[E]): void {
    for (const fn of this.listeners.get(event) ?? []) (fn as (p: SoriEvents[E]) => void)(payload);
  }

  private change(item: Item): void {
    this.emit('item', { ...item });
  }

  async submit(input: SubmitInput): Promise<Item> {
    if (this.refuse) throw this.refuse;
    this.inputs.push(input);
    const item: Item = { id: `c${this.list.length + 1}`, kind: input.kind, message: input.message, createdAt: new Date().toISOString(), delivery: 'queued', timeline: [], outgoing: [], unread: 0 };
    this.list.unshift(item);
    this.change(item);
    if (this.online) queueMicrotask(() => this.accept(item.id));
    return { ...item };
  }

  /** The server accepted an item. */
  accept(id: string): void {
    const item = this.list.find((i) => i.id === id)!;
    Object.assign(item, { delivery: 'accepted', trackingNumber: `SR-AB12-CD${String(this.list.length).padStart(2, '0')}`, status: 'received', publicStatus: 'received', serverId: `s-${id}`, expectedResponseBy: new Date(Date.now() + 3_600_000).toISOString() });
    this.change(item);
  }

  /** Staff answered in public. */
  staffReply(id: string, message: string): void {
    const item = this.list.find((i) => i.id === id)!;
    const event: PublicEvent = { id: this.nextEvent++, type: 'reply', submissionId: item.serverId!, clientId: id, at: new Date().toISOString(), author: 'staff', authorName: 'Mina', status: 'in_progress', publicStatus: 'answered', message };
    Object.assign(item, { status: 'in_progress', publicStatus: 'answered', timeline: [...item.timeline, event], unread: item.unread + 1 });
    this.emit('update', event);
    this.change(item);
  }

  async items(): Promise<Item[]> {
    return this.list.map((i) => ({ ...i }));
  }
  async item(id: string) {
    return this.list.find((i) => i.id === id);
  }
  async reply(id: string, message: string): Promise<Item> {
    const item = this.list.find((i) => i.id === id)!;
    item.outgoing = [...item.outgoing, { clientId: `m${item.outgoing.length + 1}`, message, createdAt: new Date().toISOString(), delivery: 'queued' }];
    this.change(item);
    return { ...item };
  }
  async rate(id: string, rating: Rating): Promise<Item> {
    const item = this.list.find((i) => i.id === id)!;
    Object.assign(item, { rating, ...(rating.score <= 2 ? { status: 'reopened', publicStatus: 'in_review' } : {}) });
    this.change(item);
    return { ...item };
  }
  async resend(id: string, changes: Partial<SubmitInput> = {}): Promise<Item> {
    const old = this.list.find((i) => i.id === id)!;
    this.list.splice(this.list.indexOf(old), 1);
    return this.submit({ kind: old.kind, message: old.message, ...changes });
  }

  /** Staff resolved an item. */
  resolve(id: string): void {
    const item = this.list.find((i) => i.id === id)!;
    Object.assign(item, { status: 'resolved', publicStatus: 'resolved', resolvedAt: new Date().toISOString() });
    this.change(item);
  }

  /** The server refused an item for good. */
  reject(id: string, message: string): void {
    const item = this.list.find((i) => i.id === id)!;
    Object.assign(item, { delivery: 'rejected', error: { code: 'invalid', message } });
    this.change(item);
  }

  /** An item's first answer is overdue. */
  overdue(id: string): void {
    const item = this.list.find((i) => i.id === id)!;
    item.expectedResponseBy = new Date(Date.now() - 60_000).toISOString();
    this.change(item);
  }
  async markRead(id: string): Promise<void> {
    const item = this.list.find((i) => i.id === id)!;
    item.unread = 0;
    this.change(item);
  }
  identify(): void {}
  setContext(): void {}
  async config(): Promise<SiteConfig> {
    return { name: 'Shop', kinds: ['inquiry', 'complaint', 'praise', 'suggestion'], products: this.products, slaMinutes: {} };
  }
  status(): SoriStatus {
    return { online: this.online, syncing: false, storage: this.storage, pending: 0 };
  }
  async flush(): Promise<void> {}
  on<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => this.off(event, listener);
  }
  off<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): void {
    this.listeners.get(event)?.delete(listener as (payload: never) => void);
  }
  destroy(): void {}
}
