import { ADMIN_PATHS } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { desk } from '../api/client.js';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';

/** The shortest password the server takes. */
const MIN_PASSWORD = 10;

/**
 * For someone invited without a password: the one-time token from their admin and the password
 * they choose. Then they sign in as anyone does.
 */
export function SetupForm() {
  const s = t().signIn;
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  // Drawn only when opened: the sign-in form stays the page's one password field until then.
  const [open, setOpen] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD) return setSaid({ ok: false, text: s.setupTooShort(MIN_PASSWORD) });
    if (password !== again) return setSaid({ ok: false, text: s.setupMismatch });
    setBusy(true);
    try {
      await desk<void>('POST', ADMIN_PATHS.passwordSetup, { body: { token: token.trim(), password }, on401: 'throw' });
      setSaid({ ok: true, text: s.setupDone });
      [setToken, setPassword, setAgain].forEach((set) => set(''));
    } catch (failure) {
      setSaid({ ok: false, text: isDeskError(failure) ? failure.message : String(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="setup" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{s.setupHeading}</summary>
      {open && (
        <form class="sign-in" onSubmit={submit} noValidate>
          <label>
            {s.setupToken}
            <input value={token} autoComplete="one-time-code" onInput={(e) => setToken(e.currentTarget.value)} />
          </label>
          <label>
            {s.setupPassword}
            <input type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <label>
            {s.setupAgain}
            <input type="password" autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
          </label>
          {said && (
            <p class={said.ok ? undefined : 'error'} role={said.ok ? 'status' : 'alert'}>
              {said.text}
            </p>
        )}
        <button type="submit" class="button" disabled={busy || !token.trim()}>
          {s.setupSubmit}
        </button>
      </form>
      )}
    </details>
  );
}
