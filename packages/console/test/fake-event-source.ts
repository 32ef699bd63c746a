/**
 * A stand-in for the browser's EventSource that a test drives: open it, send it named events
 * (`event`, `presence`, `heartbeat`), or make it fail, as the server and the network would.
 */
export class FakeEventSource extends EventTarget {
  /** Every stream opened since the last reset, oldest first. */
  static opened: FakeEventSource[] = [];
  readonly url: string;
  readyState = 0;

  constructor(url: string | URL, readonly init?: EventSourceInit) {
    super();
    this.url = String(url);
    FakeEventSource.opened.push(this);
  }

  /** The stream opened last. */
  static get latest(): FakeEventSource {
    const last = FakeEventSource.opened.at(-1);
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }

  /** The `after` cursor the stream was opened with. */
  get after(): string | null {
    return new URL(this.url, 'http://localhost').searchParams.get('after');
  }

  get closed(): boolean {
    return this.readyState === 2;
  }

  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  /** Sends one SSE message named `type` with `data` as JSON. */
  send(type: string, data: unknown, id?: number): void {
    if (this.closed) return;
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id === undefined ? '' : String(id) }));
  }

  fail(): void {
    this.dispatchEvent(new Event('error'));
  }

  close(): void {
    this.readyState = 2;
  }
}
