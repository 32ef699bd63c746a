import type { CannedReply } from '@sori/protocol';
import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { localeOf, t } from '../i18n/i18n.js';
import { announce } from '../ui/announce.js';
import { cannedReplies, createCannedReply, deleteCannedReply, loadCannedReplies, updateCannedReply } from './canned-api.js';
import { CannedReplyForm } from './CannedReplyForm.js';
import './canned-replies.css';

/** A canned reply's language by name ("한국어"), or `undefined` for any language. */
function languageOf(tag: string | undefined): string | undefined {
  const known = localeOf(tag);
  return known ? t().shell.languages[known] : tag;
}

/** Manage canned replies: list, add, edit, delete (deleting asks once more, in place). */
export function CannedReplies() {
  const [editing, setEditing] = useState<CannedReply | 'new' | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const s = t().canned;
  const fail = (failure: unknown) => setError(isDeskError(failure) ? failure.message : String(failure));

  useEffect(() => void loadCannedReplies(true).catch(fail), []);

  async function remove(reply: CannedReply) {
    try {
      await deleteCannedReply(reply.id);
      setConfirming(undefined);
      announce(s.deleted);
    } catch (failure) {
      fail(failure);
    }
  }

  const list = cannedReplies.value;
  return (
    <section class="canned" aria-labelledby="canned-heading">
      <h1 id="canned-heading">{s.heading}</h1>
      {error && (
        <p class="error" role="alert">
          {t().app.failed(error)}
        </p>
      )}
      {editing ? (
        <CannedReplyForm
          {...(editing === 'new' ? {} : { editing })}
          onSave={(input) => (editing === 'new' ? createCannedReply(input) : updateCannedReply(editing.id, input)).then(() => announce(s.saved))}
          onDone={() => setEditing(undefined)}
        />
      ) : (
        <button type="button" class="button button--primary" onClick={() => setEditing('new')}>
          {s.add}
        </button>
      )}
      {list && !list.length && <p class="muted">{s.empty}</p>}
      {!list && !error && <p role="status">{t().app.loading}</p>}
      <ul class="canned__list">
        {(list ?? []).map((reply) => (
          <li key={reply.id} class="canned__item">
            <h2 class="canned__title">{reply.title}</h2>
            <p class="canned__meta muted">
              {reply.kind ? t().kinds[reply.kind] : s.anyKind} · {languageOf(reply.locale) ?? s.anyLocale}
            </p>
            <p class="canned__text">{reply.text}</p>
            <div class="canned__actions">
              <button type="button" class="button" onClick={() => setEditing(reply)}>
                {s.edit}
              </button>
              {confirming === reply.id ? (
                <span role="alert" class="canned__confirm">
                  {s.confirmDelete(reply.title)}{' '}
                  <button type="button" class="button button--danger" onClick={() => void remove(reply)}>
                    {s.delete}
                  </button>
                  <button type="button" class="button button--quiet" onClick={() => setConfirming(undefined)}>
                    {t().app.cancel}
                  </button>
                </span>
              ) : (
                <button type="button" class="button button--danger" onClick={() => setConfirming(reply.id)}>
                  {s.delete}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
