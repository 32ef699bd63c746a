import type { ApiToken } from '@sori/protocol';
import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { dateTime, relativeTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { isAdmin } from '../admin/AdminOnly.js';
import { ConfirmInline } from '../ui/ConfirmInline.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { ShownOnce } from '../ui/ShownOnce.js';
import { useSave } from '../ui/use-save.js';
import { createToken, loadTokens, revokeToken, tokens } from './tokens-api.js';

/** The end of the chosen day on this device's clock, as the API's timestamp; `undefined` for none. */
const endOfDay = (date: string): string | undefined => (date ? new Date(`${date}T23:59:59`).toISOString() : undefined);

/** Makes a token: what it is for, and optionally the day it stops working. */
function NewTokenForm({ onCreated }: { onCreated: (token: string, name: string) => void }) {
  const s = t().tokens;
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    const expiresAt = endOfDay(expires);
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) return setProblem(s.errors.past);
    setProblem(undefined);
    let token = '';
    const ok = await save.run(async () => (token = (await createToken({ ...(name.trim() ? { name: name.trim() } : {}), ...(expiresAt ? { expiresAt } : {}) })).token), s.created);
    if (ok) {
      onCreated(token, name.trim() || 'api');
      setName('');
      setExpires('');
    }
  }

  const expiryError = problem ?? (save.field === 'expiresAt' ? save.error : undefined);
  return (
    <form class="inline-form settings-section" onSubmit={submit} noValidate aria-labelledby="new-token-heading">
      <h2 id="new-token-heading" class="visually-hidden">
        {s.create}
      </h2>
      <label>
        {s.name}
        <input value={name} maxLength={100} placeholder="zapier" onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {s.expires}
        <input type="date" value={expires} {...invalidProps('expiry-error', expiryError)} onInput={(e) => setExpires(e.currentTarget.value)} />
      </label>
      <button type="submit" class="button button--primary" disabled={save.busy}>
        {s.create}
      </button>
      <FieldError id="expiry-error" message={expiryError} />
      {save.error && save.field !== 'expiresAt' && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
    </form>
  );
}

/** One token's row, with its revoke button that asks once more in place. */
function TokenRow({ token }: { token: ApiToken }) {
  const s = t().tokens;
  const [confirming, setConfirming] = useState(false);
  const save = useSave();
  return (
    <tr class={token.active ? undefined : 'muted'}>
      <th scope="row">{token.name}</th>
      <td>{token.userName}</td>
      <td>{dateTime(token.createdAt)}</td>
      <td>{token.lastUsedAt ? relativeTime(token.lastUsedAt) : s.never}</td>
      <td>{token.expiresAt ? dateTime(token.expiresAt) : s.noExpiry}</td>
      <td>
        {confirming ? (
          <ConfirmInline
            question={s.confirmRevoke(token.name)}
            action={s.revoke}
            disabled={save.busy}
            onConfirm={() => void save.run(() => revokeToken(token.id), s.revoked(token.name))}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <button type="button" class="button button--danger" aria-label={s.revokeLabel(token.name)} onClick={() => setConfirming(true)}>
            {s.revoke}
          </button>
        )}
        {!token.active && <span class="warning"> {s.inactive}</span>}
        {save.error && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** API tokens for integrations: list, make (shown once), revoke. An admin sees everyone's. */
export function Tokens() {
  const s = t().tokens;
  const [made, setMade] = useState<{ token: string; name: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => void loadTokens().catch((failure) => setError(isDeskError(failure) ? failure.message : String(failure))), []);
  const list = tokens.value;
  return (
    <section class="admin-page" aria-labelledby="tokens-heading">
      <h1 id="tokens-heading">{s.heading}</h1>
      <p class="muted">{isAdmin() ? s.introAdmin : s.intro}</p>
      {error && (
        <p class="error" role="alert">
          {t().app.failed(error)}
        </p>
      )}
      {made && <ShownOnce label={s.tokenFor(made.name)} secret={made.token} onDone={() => setMade(undefined)} />}
      <NewTokenForm onCreated={(token, name) => setMade({ token, name })} />
      {!list && !error && <p role="status">{t().app.loading}</p>}
      {list && !list.length && <p class="muted">{s.empty}</p>}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{s.name}</th>
            <th scope="col">{s.owner}</th>
            <th scope="col">{s.createdAt}</th>
            <th scope="col">{s.lastUsed}</th>
            <th scope="col">{s.expires}</th>
            <th scope="col">{s.actions}</th>
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
