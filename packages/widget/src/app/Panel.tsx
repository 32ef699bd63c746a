import type { Item, Sori, SoriStatus } from '@sori/sdk';
import { Component, createRef } from 'preact';
import type { OpenOptions } from '../loader/api.js';
import type { Strings } from '../locales/en.js';
import { Compose, type ComposeResult } from './Compose.js';
import { ItemCard } from './ItemCard.js';

/** Props of {@link Panel}: the loader re-renders it with `open` and a new `prefill` per `Sori.open()`. */
export interface PanelProps {
  sori: Sori;
  t: Strings;
  locale: string;
  open: boolean;
  prefill?: OpenOptions | undefined;
  /** Changes on every `open()`, so a new prefill starts a fresh form. */
  openCount: number;
  onClose: () => void;
}

type View = 'compose' | 'sent' | 'list';

interface PanelState {
  view: View;
  items: Item[];
  sentId?: string | undefined;
  announcement: string;
  storage: SoriStatus['storage'];
}

/**
 * The dialog: write a new message, see it arrive, and follow all of one's messages live.
 * A class component, not hooks: `preact/hooks` cost 800 B of the 15 KB budget (15,344 → 14,544 B gzip).
 */
export class Panel extends Component<PanelProps, PanelState> {
  override state: PanelState = { view: 'compose', items: [], announcement: '', storage: this.props.sori.status().storage };
  #dialog = createRef<HTMLDivElement>();
  #stop: (() => void) | undefined;

  override componentDidMount(): void {
    this.#listen();
  }

  override componentDidUpdate(previous: PanelProps, before: PanelState): void {
    const { open, sori, openCount, prefill } = this.props;
    if (open !== previous.open || sori !== previous.sori) this.#listen();
    if (openCount !== previous.openCount && prefill?.kind) this.setState({ view: 'compose' });
    // A new view replaces the focused control: keep focus in the dialog.
    if (this.state.view !== before.view && this.state.view !== 'compose') this.#dialog.current?.focus();
    // What is on screen in My messages has been seen.
    if (this.state.view === 'list') for (const item of this.state.items) if (item.unread) void sori.markRead(item.id);
  }

  override componentWillUnmount(): void {
    this.#stop?.();
  }

  /**
   * Only while open, and at most once per 50 ms: a backlog being sent makes hundreds of changes,
   * and re-reading every item for each of them would swamp the page. Escape closes from anywhere,
   * also when focus fell to the page after a view changed.
   */
  #listen(): void {
    this.#stop?.();
    this.#stop = undefined;
    const { sori, t, open } = this.props;
    if (!open) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      timer = undefined;
      void sori.items().then((items) => this.setState({ items }));
      this.setState({ storage: sori.status().storage });
    };
    const reload = () => (timer ??= setTimeout(read, 50));
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && this.props.onClose();
    read();
    document.addEventListener('keydown', onKey);
    const offs = [sori.on('item', reload), sori.on('status', reload), sori.on('update', (event) => this.setState({ announcement: t.statuses[event.publicStatus] }))];
    this.#stop = () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
      for (const off of offs) off();
    };
  }

  #send = async (result: ComposeResult): Promise<void> => {
    const { sori, prefill, t } = this.props;
    const item = await sori.submit({ ...result, ...(prefill?.product ? { product: prefill.product } : {}) });
    this.setState({ sentId: item.id, view: 'sent', announcement: t.thanks });
  };

  override render({ sori, t, locale, open, prefill, openCount, onClose }: PanelProps, { view, items, sentId, announcement, storage }: PanelState) {
    if (!open) return null;
    const setView = (next: View) => this.setState({ view: next });
    const sent = items.find((i) => i.id === sentId);
    const unread = items.reduce((n, i) => n + i.unread, 0);

    return (
      <div
        class="p"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sori-title"
        tabIndex={-1}
        ref={this.#dialog}
      >
        <div class="h">
          <h2 id="sori-title">
            {t.title}
          </h2>
          <div role="tablist">
            <button type="button" role="tab" aria-selected={view !== 'list'} onClick={() => setView('compose')}>
              {t.newMessage}
            </button>
            <button type="button" role="tab" aria-selected={view === 'list'} onClick={() => setView('list')}>
              {t.myMessages}
              {unread > 0 ? ` (${unread})` : ''}
            </button>
          </div>
          <button class="x" type="button" aria-label={t.close} onClick={onClose}>
            ×
          </button>
        </div>
        <div class="b">
          {storage === 'memory' ? <p class="e" role="alert">{t.memoryWarning}</p> : null}
          {view === 'compose' ? (
            <Compose key={openCount} t={t} initialKind={prefill?.kind} initialMessage={prefill?.message} onSend={this.#send} />
          ) : null}
          {view === 'sent' && sent ? (
            <div>
              <p>{t.thanks}</p>
              <ItemCard item={sent} t={t} locale={locale} sori={sori} />
            </div>
          ) : null}
          {view === 'list' ? (
            items.length ? items.map((item) => <ItemCard key={item.id} item={item} t={t} locale={locale} sori={sori} />) : <p>{t.empty}</p>
          ) : null}
        </div>
        <p class="r" aria-live="polite">
          {announcement}
        </p>
      </div>
    );
  }
}
