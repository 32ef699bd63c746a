import type { Webhook, WebhookEvent } from '@sori/protocol';
import { WEBHOOK_EVENTS } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { sites } from '../api/directory.js';
import { t } from '../i18n/i18n.js';
import { DepartmentOptions } from '../ui/DepartmentOptions.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { createWebhook, updateWebhook } from './webhooks-api.js';

/** Whether `url` is an http(s) URL the server could call. */
export function isWebhookUrl(url: string): boolean {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Props of {@link WebhookForm}. */
export interface WebhookFormProps {
  /** The hook being edited; leave out to add one. */
  editing?: Webhook;
  /** Told the new hook's signing secret (once), after an add. */
  onCreated: (secret: string, hook: Webhook) => void;
  onDone: () => void;
}

/** A webhook's site, URL, department (or all) and the events it hears. */
export function WebhookForm({ editing, onCreated, onDone }: WebhookFormProps) {
  const s = t().webhooks;
  const [siteId, setSiteId] = useState(editing?.siteId ?? sites.value[0]?.id ?? '');
  const [url, setUrl] = useState(editing?.url ?? '');
  const [department, setDepartment] = useState(editing?.department ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(WEBHOOK_EVENTS.filter((e) => (editing ? editing.events.includes(e) : true)));
  const [problem, setProblem] = useState<{ field: 'url' | 'events'; message: string } | undefined>();
  const save = useSave();
  const departments = sites.value.find((site) => site.id === siteId)?.departments ?? [];

  async function submit(event: Event) {
    event.preventDefault();
    if (!isWebhookUrl(url)) return setProblem({ field: 'url', message: s.errors.url });
    if (!events.length) return setProblem({ field: 'events', message: s.errors.events });
    setProblem(undefined);
    const ok = await save.run(async () => {
      if (editing) await updateWebhook(editing.id, { url: url.trim(), department: department || null, events });
      else {
        const created = await createWebhook({ siteId, url: url.trim(), events, ...(department ? { department } : {}) });
        onCreated(created.secret, created.webhook);
      }
    });
    if (ok) onDone();
  }

  const at = (field: 'url' | 'events') => (problem?.field === field ? problem.message : save.field === field ? save.error : undefined);
  return (
    <form class="settings-form settings-section" onSubmit={submit} noValidate aria-labelledby="webhook-form-heading">
      <h2 id="webhook-form-heading">{editing ? s.editing(editing.url) : s.add}</h2>
      {!editing && (
        <label>
          {s.site}
          <select value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)}>
            {sites.value.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {s.url}
        <input type="url" value={url} size={50} placeholder="https://hooks.example.com/sori" {...invalidProps('webhook-url-error', at('url'))} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <FieldError id="webhook-url-error" message={at('url')} />
      <label>
        {s.department}
        <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
          <DepartmentOptions departments={departments} none={s.allDepartments} />
        </select>
      </label>
      <fieldset {...invalidProps('webhook-events-error', at('events'))}>
        <legend>{s.events}</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label class="check" key={name}>
            <input type="checkbox" checked={events.includes(name)} onChange={(e) => setEvents(e.currentTarget.checked ? [...events, name] : events.filter((x) => x !== name))} /> {s.eventNames[name]}
          </label>
        ))}
      </fieldset>
      <FieldError id="webhook-events-error" message={at('events')} />
      {save.error && !at('url') && !at('events') && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--quiet" onClick={onDone}>
          {t().app.cancel}
        </button>
        <button type="submit" class="button button--primary" disabled={save.busy || !siteId}>
          {t().app.save}
        </button>
      </div>
    </form>
  );
}
