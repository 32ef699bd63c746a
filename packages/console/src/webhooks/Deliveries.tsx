import type { Notification } from '@sori/protocol';
import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { dateTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { announce } from '../ui/announce.js';
import { loadDeliveries, sendAgain } from './webhooks-api.js';

/** A webhook's delivery log: each call, how its attempts went, and "send again" for one that failed. */
export function Deliveries({ webhookId }: { webhookId: string }) {
  const s = t().webhooks;
  const [list, setList] = useState<Notification[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const fail = (failure: unknown) => setError(isDeskError(failure) ? failure.message : String(failure));
  const load = () => loadDeliveries(webhookId).then(setList, fail);
  useEffect(() => void load(), [webhookId]);

  async function again(id: number) {
    try {
      const updated = await sendAgain(id);
      setList((list ?? []).map((n) => (n.id === id ? updated : n)));
      announce(s.queuedAgain);
    } catch (failure) {
      fail(failure);
    }
  }

  return (
    <div class="deliveries">
      <h3>{s.deliveries}</h3>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!list && !error && <p role="status">{t().app.loading}</p>}
      {list && !list.length && <p class="muted">{s.noDeliveries}</p>}
      {list && list.length > 0 && (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{s.createdAt}</th>
              <th scope="col">{s.state}</th>
              <th scope="col">{s.attempts}</th>
              <th scope="col">{s.lastError}</th>
              <th scope="col">
                <span class="visually-hidden">{s.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((n) => (
              <tr key={n.id}>
                <td>{dateTime(n.createdAt)}</td>
                <td>{s.states[n.state]}</td>
                <td>{n.attempts}</td>
                <td class="safe-link">{n.lastError ?? ''}</td>
                <td>
                  {(n.state === 'failed' || n.state === 'cancelled' || n.state === 'sent') && (
                    <button type="button" class="button" onClick={() => void again(n.id)}>
                      {s.sendAgain}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" class="button button--quiet" onClick={() => void load()}>
        {s.refresh}
      </button>
    </div>
  );
}
