import type { Item, Sori, SoriStatus } from '@sori/sdk';
import { Component, createRef } from 'preact';
import type { OpenOptions } from '../loader/api.js';
import type { Strings } from '../locales/en.js';
import { Compose, type ComposeResult } from './Compose.js';
import { ItemCard, relative } from './ItemCard.js';
import { throttle } from './throttle.js';

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
  /** Told the items whenever they change (the launcher counts unread answers). */
  onItems?: (items: Item[]) => void;
}

/** The form, or the shopper's items (also right after sending, the new one first). */
type View = 'compose' | 'list';

interface PanelState {
  view: View;
  items: Item[];
  /** The refused item being edited to send again. */
  editing?: Item | undefined;
  /** The site's products, for the product field. */
  products: string[];
  announcement: string;
  storage: SoriStatus['storage'];
}

/** What can take focus in the dialog, for the focus trap: buttons, summaries and named form fields. */
const FOCUSABLE = 'button,summary,[name]';

/**
 * The dialog: write a new message, see it arrive, and follow all of one's messages live.
 * A class component, not hooks: `preact/hooks` cost 800 B of the 15 KB budget (15,344 → 14,544 B gzip).
 */
export class Panel extends Component<PanelProps, PanelState> {
  override state: PanelState = { view: 'compose', items: [], products: [], announcement: '', storage: this.props.sori.status().storage };
  #dialog = createRef<HTMLDivElement>();
  #stop: Array<() => void> = [];

  /**
   * Follows the items from the start, open or not (the launcher counts unread answers), re-reading
   * them at most once per 50 ms: a backlog being sent makes hundreds of changes.
   */
  override componentDidMount(): void {
    const { sori, t } = this.props;
    const read = throttle(() => {
      void sori.items().then((items) => {
        this.setState({ items });
        this.props.onItems?.(items);
      });
      this.setState({ storage: sori.status().storage });
    });
    read();
    document.addEventListener('keydown', this.#key);
    this.#stop = [
      // Closed, a change of delivery is nothing to show: reading on each would slow a backlog's
      // delivery (by half for 500 items). Staff events (the badge) and status changes still read.
      sori.on('item', () => this.props.open && read()),
      sori.on('status', read),
      sori.on('update', (event) => {
        if (event.author === 'staff') read();
        this.setState({ announcement: t.statuses[event.publicStatus] });
      }),
      () => document.removeEventListener('keydown', this.#key),
    ];
    // No products without the site's settings: the field just stays away.
    sori.config().then(({ products }) => this.setState({ products }), () => undefined);
    // The page's first Intl formatter costs Chromium 40–90 ms on a slow machine (ICU starting up):
    // made now, in a task of its own, rather than in the one that shows the first item after a send.
    setTimeout(relative, 0, new Date().toISOString(), this.props.locale);
  }

  override componentDidUpdate(previous: PanelProps, before: PanelState): void {
    const { sori, openCount, prefill } = this.props;
    if (openCount !== previous.openCount && prefill?.kind) this.setState({ view: 'compose', editing: undefined });
    // A new view replaces the focused control: keep focus in the dialog.
    if (this.state.view !== before.view && this.state.view !== 'compose') this.#dialog.current?.focus();
    // What is on screen in My messages has been seen.
    if (this.props.open && this.state.view === 'list') for (const item of this.state.items) if (item.unread) void sori.markRead(item.id);
  }

  override componentWillUnmount(): void {
    for (const stop of this.#stop) stop();
  }

  /**
   * While open: Escape closes from anywhere, also when focus fell to the page after a view
   * changed; Tab and Shift+Tab go round inside the dialog (`aria-modal` promises that the page
   * behind is out of reach).
   */
  #key = (e: KeyboardEvent): void => {
    const dialog = this.#dialog.current;
    if (!dialog) return;
    if (e.key === 'Escape') this.props.onClose();
    if (e.key !== 'Tab') return;
    const stops = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && el.offsetParent);
    // The dialog lives in the widget's shadow root, whose `activeElement` is the focused control.
    const active = (dialog.getRootNode() as ShadowRoot).activeElement;
    const edge = e.shiftKey ? stops[0] : stops.at(-1);
    if (!edge || active === edge || active === dialog || !dialog.contains(active)) {
      e.preventDefault();
      (e.shiftKey ? stops.at(-1) : stops[0])?.focus();
    }
  };

  #send = async (result: ComposeResult): Promise<void> => {
    const { sori, t } = this.props;
    const { editing } = this.state;
    await (editing ? sori.resend(editing.id, result) : sori.submit(result));
    // The list in a task of its own, after the storing one: two short tasks, not one long one.
    setTimeout(() => this.setState({ view: 'list', editing: undefined, announcement: t.thanks }));
  };

  #edit = (editing: Item): void => this.setState({ view: 'compose', editing });

  override render({ sori, t, locale, open, prefill, openCount, onClose }: PanelProps, { view, items, editing, products, announcement, storage }: PanelState) {
    if (!open) return null;

    return (
      <div
        class="p"
        role="dialog"
        aria-modal="true"
        aria-label={t.title}
        tabIndex={-1}
        ref={this.#dialog}
      >
        {/* Buttons outside a form need no type="button": there is nothing for them to submit. */}
        <div class="h">
          <h2>{t.title}</h2>
          <button class="x" aria-label={t.close} onClick={onClose}>
            ×
          </button>
          <div role="tablist">
            <button role="tab" aria-selected={view !== 'list'} onClick={() => this.setState({ view: 'compose', editing: undefined })}>
              {t.newMessage}
            </button>
            <button role="tab" aria-selected={view === 'list'} onClick={() => this.setState({ view: 'list' })}>
              {t.myMessages}
            </button>
          </div>
        </div>
        <div class="b">
          {storage === 'memory' ? <p class="e" role="alert">{t.memoryWarning}</p> : null}
          {view === 'compose' ? (
            <Compose key={editing?.id ?? openCount} t={t} initial={editing ?? prefill} products={products} onSend={this.#send} />
          ) : null}
          {view === 'list' ? (
            items.length ? items.map((item) => <ItemCard key={item.id} item={item} t={t} locale={locale} sori={sori} onEdit={this.#edit} />) : <p>{t.empty}</p>
          ) : null}
        </div>
        <p class="r" aria-live="polite">
          {announcement}
        </p>
      </div>
    );
  }
}
