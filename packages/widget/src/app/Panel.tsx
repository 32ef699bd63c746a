import type { Item, Sori } from '@sori/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
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

/** The dialog: write a new message, see it arrive, and follow all of one's messages live. */
export function Panel({ sori, t, locale, open, prefill, openCount, onClose }: PanelProps) {
  const [view, setView] = useState<View>('compose');
  const [items, setItems] = useState<Item[]>([]);
  const [sentId, setSentId] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const [storage, setStorage] = useState(sori.status().storage);

  // Only while open, and at most once per 50 ms: a backlog being sent makes hundreds of changes,
  // and re-reading every item for each of them would swamp the page.
  useEffect(() => {
    if (!open) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      timer = undefined;
      void sori.items().then(setItems);
      setStorage(sori.status().storage);
    };
    const reload = () => (timer ??= setTimeout(read, 50));
    read();
    const offs = [sori.on('item', reload), sori.on('status', reload), sori.on('update', (event) => setAnnouncement(t.statuses[event.publicStatus]))];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [sori, t, open]);

  useEffect(() => {
    if (open && prefill?.kind) setView('compose');
  }, [openCount]);

  // Escape closes from anywhere, also when focus fell to the page after a view changed.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  // A new view replaces the focused control: keep focus in the dialog.
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (view !== 'compose') dialog.current?.focus();
  }, [view]);

  if (!open) return null;

  async function send(result: ComposeResult) {
    const item = await sori.submit({ ...result, ...(prefill?.product ? { product: prefill.product } : {}) });
    setSentId(item.id);
    setView('sent');
    setAnnouncement(t.thanks);
  }

  const sent = items.find((i) => i.id === sentId);
  const unread = items.reduce((n, i) => n + i.unread, 0);

  return (
    <div
      class="p"
      role="dialog"
      aria-modal="true"
      aria-labelledby="sori-title"
      tabIndex={-1}
      ref={dialog}
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
        {storage === 'memory' ? <p class="w">{t.memoryWarning}</p> : null}
        {view === 'compose' ? (
          <Compose key={openCount} t={t} initialKind={prefill?.kind} initialMessage={prefill?.message} onSend={send} />
        ) : null}
        {view === 'sent' && sent ? (
          <div>
            <p>{t.thanks}</p>
            <ItemCard item={sent} t={t} locale={locale} />
          </div>
        ) : null}
        {view === 'list' ? (
          items.length ? items.map((item) => <ItemCard key={item.id} item={item} t={t} locale={locale} />) : <p>{t.empty}</p>
        ) : null}
      </div>
      <p class="r" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
