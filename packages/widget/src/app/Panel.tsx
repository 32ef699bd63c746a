import type { Sori, Submission } from '@sori/sdk';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { OpenOptions } from '../loader/api.js';
import type { Strings } from '../locales/en.js';
import { Compose, type ComposeResult } from './Compose.js';
import { useFocusTrap } from './use-focus-trap.js';
import { useSubmissions } from './use-submissions.js';
import { prefetchThread, useThread } from './use-thread.js';

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
  /** Told the submissions whenever they change (the launcher counts unread answers). */
  onSubmissions?: ((submissions: Submission[]) => void) | undefined;
}

/** The form, or the shopper's submissions (also right after sending, the new one first). */
type View = 'compose' | 'list';

/**
 * The dialog: write a new message, see it arrive, and follow all of one's submissions live. The
 * form is here; My messages, each thread and the follow-up come in a chunk of their own, fetched
 * at idle once the form is usable.
 */
export function Panel({ sori, t, locale, open, prefill, openCount, onClose, onSubmissions }: PanelProps) {
  const [view, setView] = useState<View>('compose');
  /** The refused submission being edited to send again. */
  const [editing, setEditing] = useState<Submission>();
  /** The site's products, for the product field. */
  const [products, setProducts] = useState<string[]>([]);
  /** By when a submission sent now is answered, per kind, with the site's business hours counted in. */
  const [expected, setExpected] = useState<Record<string, string>>();
  const [announcement, setAnnouncement] = useState('');
  const dialog = useRef<HTMLDivElement>(null);
  const { submissions, sync } = useSubmissions(sori, open, onSubmissions);
  const thread = useThread(open && view === 'list', dialog);
  useFocusTrap(dialog, onClose);

  useEffect(() => {
    // No products without the site's settings: the field just stays away.
    sori.config().then(({ products, expectedResponse }) => {
      setProducts(products);
      setExpected(expectedResponse?.by);
    }, () => undefined);
    return sori.on('event', (event) => setAnnouncement(t.statuses[event.publicStatus]));
  }, [sori, t]);

  useEffect(() => {
    if (open) prefetchThread(locale);
  }, [open]);

  // A prefill for a kind starts a fresh form.
  useEffect(() => {
    if (prefill?.kind) {
      setView('compose');
      setEditing(undefined);
    }
  }, [openCount]);

  // A new view replaces the focused control: keep focus in the dialog.
  useEffect(() => {
    if (view !== 'compose') dialog.current?.focus();
  }, [view]);

  const send = useCallback(
    async (result: ComposeResult) => {
      await (editing ? sori.resend(editing.clientId, result) : sori.submit(result));
      // Said as it is: kept only in this page, saved to send later, or on its way.
      const { storage, online } = sori.syncState();
      const said = storage === 'memory' ? t.queuedInMemory : online ? t.thanks : t.queued;
      // The list in a task of its own, after the storing one: two short tasks, not one long one.
      setTimeout(() => {
        setView('list');
        setEditing(undefined);
        setAnnouncement(said);
      });
    },
    [sori, t, editing],
  );

  const edit = useCallback((submission: Submission) => {
    setEditing(submission);
    setView('compose');
  }, []);

  if (!open) return null;

  return (
    <div class="panel" role="dialog" aria-modal="true" aria-label={t.title} tabIndex={-1} ref={dialog}>
      {/* Buttons outside a form need no type="button": there is nothing for them to submit. */}
      <div class="panel__head">
        <h2 class="panel__title">{t.title}</h2>
        <button class="panel__close" aria-label={t.close} onClick={onClose}>
          ×
        </button>
        <div class="tabs" role="tablist">
          <button
            class="tabs__tab"
            role="tab"
            aria-selected={view !== 'list'}
            onClick={() => {
              setView('compose');
              setEditing(undefined);
            }}
          >
            {t.newMessage}
          </button>
          <button class="tabs__tab" role="tab" aria-selected={view === 'list'} onClick={() => setView('list')}>
            {t.myMessages}
          </button>
        </div>
      </div>
      <div class="panel__body">
        {sync.storage === 'memory' ? (
          <p class="warning" role="alert">
            {t.memoryWarning}
          </p>
        ) : null}
        {view === 'compose' ? (
          <Compose key={editing?.clientId ?? openCount} t={t} initial={editing ?? prefill} products={products} expected={expected} locale={locale} onSend={send} />
        ) : thread === 'failed' ? (
          <p class="note">{t.threadUnavailable}</p>
        ) : thread ? (
          <thread.SubmissionList submissions={submissions} sori={sori} t={t} locale={locale} sync={sync} onEdit={edit} />
        ) : null}
      </div>
      <p class="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
