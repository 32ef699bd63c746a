import type { CannedReply, DeskChange, DeskDetail, DeskEvent, DeskSubmission } from '@sori/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { currentUser } from '../api/session.js';
import { cannedReplies, loadCannedReplies } from '../canned-replies/canned-api.js';
import { languageName } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { useActions } from '../shortcuts/registry.js';
import { announce } from '../ui/announce.js';
import { othersOn } from '../ui/Presence.js';
import { cannedFor, fillPlaceholders } from './canned-fill.js';
import { CannedPicker } from './CannedPicker.js';
import { readDraft, writeDraft } from './drafts.js';
import { usePresence } from './presence.js';
import { StaleChoice } from './StaleChoice.js';
import { addNote, sendReply } from './submission-api.js';

/** Whether the composer writes a public reply or an internal note. */
export type ComposerMode = 'reply' | 'note';

// The composer on screen (there is one at most), so that the `r` and `n` shortcuts can reach it.
let mounted: { setMode: (mode: ComposerMode) => void } | undefined;

/** Switches the composer to `mode` and puts the caret in it (the `r` and `n` shortcuts). */
export function focusComposer(mode: ComposerMode): void {
  mounted?.setMode(mode);
  document.getElementById('composer-text')?.focus();
}

// What a writer must have seen before answering: what people wrote, not status changes.
const WRITTEN = new Set(['reply', 'note', 'message']);

/** Props of {@link Composer}. */
export interface ComposerProps {
  submission: DeskSubmission;
  timeline: readonly DeskEvent[];
  onSent: (change: DeskChange) => void;
  reload: () => Promise<DeskDetail | undefined>;
}

/**
 * The one composer, in two modes that cannot be mistaken: a reply (accent border, "the shopper
 * will see this", in their language) or a note (amber, "only staff see notes"). The draft is kept
 * per user and submission on every keystroke; `/` at the start inserts a canned reply; a reply
 * that would cross newer words is stopped with a choice (send anyway, or edit).
 */
export function Composer({ submission, timeline, onSent, reload }: ComposerProps) {
  const me = currentUser.value?.id ?? '';
  const restored = useMemo(() => readDraft(me, submission.id), [me, submission.id]);
  const [text, setText] = useState(restored?.text ?? '');
  const [seen, setSeen] = useState<number | undefined>(restored?.seenEventId);
  const [sending, setSending] = useState(false);
  const [stale, setStale] = useState<DeskEvent[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [picker, setPicker] = useState<{ query: string; own: boolean } | undefined>();
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const [mode, setModeState] = useState<ComposerMode>(restored?.mode ?? 'reply');
  const newest = timeline.at(-1)?.id;
  const s = t().composer;
  usePresence(submission.id, text.trim().length > 0);

  useEffect(() => {
    loadCannedReplies().catch((failure) => console.warn('Sori console: no canned replies', failure));
    return () => void (mounted = undefined);
  }, [submission.id]);

  function keep(next: string, seenId: number | undefined, nextMode = mode) {
    writeDraft(me, submission.id, { mode: nextMode, text: next, ...(seenId !== undefined ? { seenEventId: seenId } : {}) });
  }

  function setMode(next: ComposerMode) {
    setModeState(next);
    keep(text, seen, next);
  }
  mounted = { setMode };

  function update(next: string) {
    // Writing begins now: what is on screen now is what the writer has seen.
    const seenNow = next ? (seen ?? newest) : undefined;
    setText(next);
    setSeen(seenNow);
    keep(next, seenNow);
    const slash = /^\/(\S*)$/.exec(next);
    if (slash) {
      setPicker({ query: slash[1] ?? '', own: false });
      setActive(0);
    } else if (picker && !picker.own) setPicker(undefined);
  }

  const options = picker ? cannedFor(cannedReplies.value ?? [], submission, picker.query) : [];

  function pick(reply: CannedReply | undefined) {
    if (!reply) return;
    const filled = fillPlaceholders(reply.text, submission);
    const area = box.current;
    const at = area && picker?.own ? area.selectionStart : text.length;
    update(picker?.own ? text.slice(0, at) + filled + text.slice(at) : filled);
    setPicker(undefined);
    area?.focus();
  }

  function onPickerKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % Math.max(1, options.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setPicker(undefined);
      box.current?.focus();
    }
  }

  async function send(seenEventId = seen) {
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(undefined);
    try {
      const input = { text: body, ...(seenEventId !== undefined ? { seenEventId } : {}) };
      const change = await (mode === 'reply' ? sendReply(submission.id, input) : addNote(submission.id, input));
      onSent(change);
      keep('', undefined);
      setText('');
      setSeen(undefined);
      setStale(undefined);
      announce(mode === 'reply' ? s.sent : s.noted);
    } catch (failure) {
      if (isDeskError(failure, 'stale')) {
        const fresh = await reload();
        setStale((fresh?.timeline ?? timeline).filter((e) => e.id > (seenEventId ?? 0) && WRITTEN.has(e.type)));
      } else setError(isDeskError(failure, 'network') ? t().app.network : failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  }

  const latest = () => Math.max(newest ?? 0, ...(stale ?? []).map((e) => e.id));
  const sendRef = useRef(send);
  sendRef.current = send;
  useActions(
    () => [
      { id: 'submission.send', group: 'submission', keys: '$mod+Enter', inFields: true, inPalette: false, label: () => t().shortcuts.actions.send, run: () => void sendRef.current() },
      { id: 'submission.canned', group: 'submission', keys: '$mod+/', inFields: true, label: () => t().shortcuts.actions.canned, run: () => setPicker({ query: '', own: true }) },
    ],
    [],
  );

  const arrived = text && seen !== undefined ? timeline.filter((e) => e.id > seen && WRITTEN.has(e.type) && e.actorId !== me) : [];
  const replying = othersOn(submission.id).filter((u) => u.state === 'replying');
  const hint = mode === 'note' ? s.noteHint : submission.locale ? s.replyHint(languageName(submission.locale)) : s.replyHintPlain;

  return (
    <section class={`composer composer--${mode}`} aria-labelledby="composer-heading">
      <h2 id="composer-heading" class="visually-hidden">{s.label}</h2>
      <fieldset class="composer__modes">
        <legend class="visually-hidden">{s.modes}</legend>
        {(['reply', 'note'] as const).map((m) => (
          <label key={m} class={`composer__mode composer__mode--${m}`}>
            <input type="radio" name="composer-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {m === 'reply' ? s.reply : s.note} <kbd class="kbd">{m === 'reply' ? 'r' : 'n'}</kbd>
          </label>
        ))}
      </fieldset>
      <p id="composer-hint" class="composer__hint">{hint}</p>
      {replying.length > 0 && <p class="composer__warning" role="alert">{s.othersReplying(replying.map((u) => u.name).join(', '))}</p>}
      <textarea
        id="composer-text"
        ref={box}
        class="composer__text"
        rows={5}
        aria-label={mode === 'reply' ? s.replyLabel : s.noteLabel}
        aria-describedby="composer-hint composer-canned-hint"
        value={text}
        onInput={(e) => update(e.currentTarget.value)}
        onKeyDown={(event) => {
          if (picker && !picker.own) onPickerKey(event);
          // Escape leaves the field first (the draft stays); the next Escape goes back.
          else if (event.key === 'Escape') box.current?.blur();
        }}
      />
      {picker && <CannedPicker id="canned-options" options={options} active={active} onPick={pick} {...(picker.own ? { filter: { value: picker.query, onInput: (query: string) => { setPicker({ query, own: true }); setActive(0); }, onKeyDown: onPickerKey } } : {})} />}
      <p id="composer-canned-hint" class="muted composer__small">{text ? s.draftKept : s.cannedHint}</p>
      {arrived.length > 0 && !stale && <p class="composer__warning" role="status">{s.arrived}</p>}
      {stale && (
        <StaleChoice
          arrived={stale}
          onSendAnyway={() => void send(latest())}
          onEdit={() => {
            setSeen(latest());
            keep(text, latest());
            setStale(undefined);
            box.current?.focus();
          }}
        />
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="composer__actions">
        <button type="button" class="button" onClick={() => setPicker(picker ? undefined : { query: '', own: true })}>{s.canned}</button>
        <button type="button" class={`button ${mode === 'reply' ? 'button--primary' : 'composer__note-button'}`} disabled={!text.trim() || sending || Boolean(stale)} onClick={() => void send()}>
          {sending ? s.sending : mode === 'reply' ? s.send : s.addNote}
        </button>
      </div>
    </section>
  );
}
