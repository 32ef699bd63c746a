import type { PersonData, PublicEvent, Rating, SiteConfig, Sori, SoriEvents, Submission, SubmitInput, SyncState } from '@sori/sdk';

/**
 * An in-memory stand-in for the SDK with the same events, so panel tests can drive what the
 * server would do (accept, reply) and assert what the shopper sees.
 */
export class FakeSori implements Sori {
  readonly list: Submission[] = [];
  /** Every `submit()` input, as the panel passed it. */
  readonly inputs: SubmitInput[] = [];
  /** When set, `submit()` refuses with it (as the SDK does when its outbox is full). */
  refuse: Error | undefined;
  /** The site's products, as `config()` answers them. */
  products: string[] = [];
  /** By when a submission sent now is answered, per kind, as `config()` answers it. */
  expectedBy: Record<string, string> | undefined;
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private nextEvent = 1;
  /** When false, submissions stay queued as if offline. */
  online = true;
  storage: SyncState['storage'] = 'indexeddb';

  private emit<E extends keyof SoriEvents>(event: E, payload: SoriEvents[E]): void {
    for (const fn of this.listeners.get(event) ?? []) (fn as (p: SoriEvents[E]) => void)(payload);
  }

  private change(submission: Submission): void {
    this.emit('submission', { ...submission });
  }

  private find(clientId: string): Submission {
    const found = this.list.find((s) => s.clientId === clientId);
    if (!found) throw new Error(`no submission ${clientId} in the fake`);
    return found;
  }

  async submit(input: SubmitInput): Promise<Submission> {
    if (this.refuse) throw this.refuse;
    this.inputs.push(input);
    const submission: Submission = { clientId: `c${this.list.length + 1}`, kind: input.kind, message: input.message, createdAt: new Date().toISOString(), sendState: 'queued', timeline: [], outgoing: [], unread: 0 };
    this.list.unshift(submission);
    this.change(submission);
    if (this.online) queueMicrotask(() => this.accept(submission.clientId));
    return { ...submission };
  }

  /** The server accepted a submission. */
  accept(clientId: string): void {
    const submission = this.find(clientId);
    Object.assign(submission, { sendState: 'accepted', trackingNumber: `SR-AB12-CD${String(this.list.length).padStart(2, '0')}`, status: 'received', publicStatus: 'received', id: `s-${clientId}`, expectedResponseBy: new Date(Date.now() + 3_600_000).toISOString() });
    this.change(submission);
  }

  /** Staff answered in public. */
  staffReply(clientId: string, text: string): void {
    const submission = this.find(clientId);
    const event: PublicEvent = { id: this.nextEvent++, type: 'reply', submissionId: submission.id ?? '', clientId, at: new Date().toISOString(), author: 'staff', authorName: 'Mina', status: 'in_progress', publicStatus: 'answered', text };
    Object.assign(submission, { status: 'in_progress', publicStatus: 'answered', timeline: [...submission.timeline, event], unread: submission.unread + 1 });
    this.emit('event', event);
    this.change(submission);
  }

  async submissions(): Promise<Submission[]> {
    return this.list.map((s) => ({ ...s }));
  }
  async submission(clientId: string) {
    return this.list.find((s) => s.clientId === clientId);
  }
  async sendMessage(clientId: string, text: string): Promise<Submission> {
    const submission = this.find(clientId);
    submission.outgoing = [...submission.outgoing, { clientId: `m${submission.outgoing.length + 1}`, text, createdAt: new Date().toISOString(), sendState: 'queued' }];
    this.change(submission);
    return { ...submission };
  }
  async rate(clientId: string, rating: Rating): Promise<Submission> {
    const submission = this.find(clientId);
    const after = rating.score <= 2 ? ({ status: 'reopened', publicStatus: 'in_review' } as const) : ({ status: submission.status ?? 'resolved', publicStatus: 'resolved' } as const);
    const event: PublicEvent = { id: this.nextEvent++, type: 'rating', submissionId: submission.id ?? '', clientId, at: new Date().toISOString(), author: 'reporter', ...after, score: rating.score };
    Object.assign(submission, { rating, ...after, timeline: [...submission.timeline, event] });
    this.change(submission);
    return { ...submission };
  }
  async resend(clientId: string, changes: Partial<SubmitInput> = {}): Promise<Submission> {
    const old = this.find(clientId);
    this.list.splice(this.list.indexOf(old), 1);
    return this.submit({ kind: old.kind, message: old.message, ...changes });
  }

  /** Staff marked an improvement the submission is linked to as done. */
  improvementDone(clientId: string, title: string): void {
    const submission = this.find(clientId);
    const event: PublicEvent = { id: this.nextEvent++, type: 'improvement_done', submissionId: submission.id ?? '', clientId, at: new Date().toISOString(), author: 'staff', status: submission.status ?? 'received', publicStatus: submission.publicStatus ?? 'received', text: title };
    Object.assign(submission, { timeline: [...submission.timeline, event] });
    this.emit('event', event);
    this.change(submission);
  }

  /** Staff resolved a submission. */
  resolve(clientId: string): void {
    const submission = this.find(clientId);
    const event: PublicEvent = { id: this.nextEvent++, type: 'status', submissionId: submission.id ?? '', clientId, at: new Date().toISOString(), author: 'staff', status: 'resolved', publicStatus: 'resolved' };
    Object.assign(submission, { status: 'resolved', publicStatus: 'resolved', resolvedAt: event.at, timeline: [...submission.timeline, event] });
    this.change(submission);
  }

  /** The server refused a submission for good. */
  reject(clientId: string, message: string): void {
    const submission = this.find(clientId);
    Object.assign(submission, { sendState: 'rejected', error: { code: 'invalid', message } });
    this.change(submission);
  }

  /** A submission's first answer is overdue. */
  overdue(clientId: string): void {
    const submission = this.find(clientId);
    submission.expectedResponseBy = new Date(Date.now() - 60_000).toISOString();
    this.change(submission);
  }
  async markRead(clientId: string): Promise<void> {
    const submission = this.find(clientId);
    submission.unread = 0;
    this.change(submission);
  }
  /** How often the shopper erased their data. */
  erasures = 0;
  async exportData(): Promise<PersonData> {
    return { exportedAt: new Date().toISOString(), reporters: [{ id: 'r1', createdAt: new Date().toISOString() }], submissions: [] };
  }
  async eraseData(): Promise<void> {
    this.erasures++;
    this.list.splice(0);
    this.emit('sync', this.syncState());
  }
  identify(): void {}
  setContext(): void {}
  async config(): Promise<SiteConfig> {
    return { name: 'Shop', kinds: ['inquiry', 'complaint', 'praise', 'suggestion'], products: this.products, slaMinutes: {}, ...(this.expectedBy ? { expectedResponse: { at: new Date().toISOString(), open: false, by: this.expectedBy } } : {}) };
  }
  syncState(): SyncState {
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
