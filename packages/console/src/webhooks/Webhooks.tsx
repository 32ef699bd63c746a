import type { Webhook } from '@sori/protocol';
import { useEffect, useState } from 'preact/hooks';
import { sites } from '../api/directory.js';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { departmentName } from '../ui/names.js';
import { ShownOnce } from '../ui/ShownOnce.js';
import { useSave } from '../ui/use-save.js';
import { Deliveries } from './Deliveries.js';
import { WebhookForm } from './WebhookForm.js';
import { deleteWebhook, loadWebhooks, rotateSecret, testWebhook, webhooks } from './webhooks-api.js';

/** One webhook: what it hears, test, rotate the secret, edit, delete (asking first), its delivery log. */
function WebhookItem({ hook, onSecret, onEdit }: { hook: Webhook; onSecret: (secret: string) => void; onEdit: () => void }) {
  const s = t().webhooks;
  const [confirming, setConfirming] = useState<'delete' | 'rotate' | undefined>();
  const [log, setLog] = useState(false);
  const [tested, setTested] = useState<string | undefined>();
  const save = useSave();
  const siteName = sites.value.find((site) => site.id === hook.siteId)?.name ?? hook.siteId;

  return (
    <li class="settings-section">
      <h2 class="webhook__url">
        <code>{hook.url}</code>
      </h2>
      <p class="muted">
        {siteName} · {hook.department ? departmentName(hook.department) : s.allDepartments} · {hook.events.map((e) => s.eventNames[e as keyof typeof s.eventNames] ?? e).join(', ')}
      </p>
      <div class="canned__actions">
        <button type="button" class="button" disabled={save.busy} onClick={() => void save.run(async () => {
          const result = await testWebhook(hook.id);
          setTested(result.outcome === 'sent' ? s.testSent(result.status ?? 200) : s.testFailed(result.error ?? String(result.status ?? '')));
        }, s.tested)}>
          {s.test}
        </button>
        <button type="button" class="button" onClick={onEdit}>
          {s.edit}
        </button>
        <button type="button" class="button" onClick={() => setConfirming('rotate')}>
          {s.rotate}
        </button>
        <button type="button" class="button button--danger" onClick={() => setConfirming('delete')}>
          {s.delete}
        </button>
        <button type="button" class="button button--quiet" aria-expanded={log} onClick={() => setLog(!log)}>
          {s.deliveries}
        </button>
      </div>
      {tested && <p role="status">{tested}</p>}
      {confirming && (
        <p role="alert" class="confirm">
          {confirming === 'delete' ? s.confirmDelete(hook.url) : s.confirmRotate}{' '}
          <button
            type="button"
            class="button button--danger"
            onClick={() => {
              setConfirming(undefined);
              void (confirming === 'delete'
                ? save.run(() => deleteWebhook(hook.id), s.deleted)
                : save.run(async () => onSecret((await rotateSecret(hook.id)).secret), s.rotated));
            }}
          >
            {confirming === 'delete' ? s.delete : s.rotate}
          </button>
          <button type="button" class="button button--quiet" onClick={() => setConfirming(undefined)}>
            {t().app.cancel}
          </button>
        </p>
      )}
      {save.error && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      {log && <Deliveries webhookId={hook.id} />}
    </li>
  );
}

/** Webhooks per site or department: add, edit, delete, test, rotate the secret, delivery logs. */
export function Webhooks() {
  const s = t().webhooks;
  const [editing, setEditing] = useState<Webhook | 'new' | undefined>();
  const [secret, setSecret] = useState<{ secret: string; url: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => void loadWebhooks().catch((failure) => setError(isDeskError(failure) ? failure.message : String(failure))), []);
  const list = webhooks.value;
  return (
    <section class="admin-page" aria-labelledby="webhooks-heading">
      <h1 id="webhooks-heading">{s.heading}</h1>
      <p class="muted">{s.intro}</p>
      {error && (
        <p class="error" role="alert">
          {t().app.failed(error)}
        </p>
      )}
      {secret && <ShownOnce label={s.secretFor(secret.url)} secret={secret.secret} onDone={() => setSecret(undefined)} />}
      {editing ? (
        <WebhookForm
          {...(editing === 'new' ? {} : { editing })}
          onCreated={(value, hook) => setSecret({ secret: value, url: hook.url })}
          onDone={() => setEditing(undefined)}
        />
      ) : (
        <button type="button" class="button button--primary" onClick={() => setEditing('new')}>
          {s.add}
        </button>
      )}
      {!list && !error && <p role="status">{t().app.loading}</p>}
      {list && !list.length && <p class="muted">{s.empty}</p>}
      <ul class="canned__list">
        {(list ?? []).map((hook) => (
          <WebhookItem key={hook.id} hook={hook} onEdit={() => setEditing(hook)} onSecret={(value) => setSecret({ secret: value, url: hook.url })} />
        ))}
      </ul>
    </section>
  );
}
