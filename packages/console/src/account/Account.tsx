import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { changeOwnPassword, loadPreferences, savePreferences } from './account-api.js';

/** The shortest password the server takes. */
export const MIN_PASSWORD = 10;

/** Why a new password is refused here, or `undefined`: long enough, typed twice the same, not the current one. */
export function checkNewPassword(current: string, next: string, again: string): 'tooShort' | 'mismatch' | 'same' | undefined {
  if (next.length < MIN_PASSWORD) return 'tooShort';
  if (next !== again) return 'mismatch';
  return next === current ? 'same' : undefined;
}

/** Changes one's own password. */
function PasswordForm() {
  const s = t().account;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ field: 'current' | 'next' | 'again'; message: string } | undefined>();
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    const found = checkNewPassword(current, next, again);
    if (found) return setProblem({ field: found === 'mismatch' ? 'again' : 'next', message: s.errors[found](MIN_PASSWORD) });
    setProblem(undefined);
    const ok = await save.run(() => changeOwnPassword({ currentPassword: current, newPassword: next }), s.changed);
    if (ok) [setCurrent, setNext, setAgain].forEach((set) => set(''));
  }

  // The server names `currentPassword` when the current one is wrong.
  const at = (field: 'current' | 'next' | 'again') =>
    problem?.field === field ? problem.message : field === 'current' && save.field === 'currentPassword' ? save.error : field === 'next' && save.field === 'newPassword' ? save.error : undefined;
  return (
    <form class="settings-form settings-section" onSubmit={submit} noValidate aria-labelledby="password-heading">
      <h2 id="password-heading">{s.password}</h2>
      <input type="text" name="username" autoComplete="username" value={currentUser.value?.email ?? ''} hidden readOnly />
      <label>
        {s.current}
        <input type="password" autoComplete="current-password" value={current} {...invalidProps('current-error', at('current'))} onInput={(e) => setCurrent(e.currentTarget.value)} />
      </label>
      <FieldError id="current-error" message={at('current')} />
      <label>
        {s.next}
        <input type="password" autoComplete="new-password" value={next} {...invalidProps('next-error', at('next'))} onInput={(e) => setNext(e.currentTarget.value)} />
      </label>
      <FieldError id="next-error" message={at('next')} />
      <label>
        {s.again}
        <input type="password" autoComplete="new-password" value={again} {...invalidProps('again-error', at('again'))} onInput={(e) => setAgain(e.currentTarget.value)} />
      </label>
      <FieldError id="again-error" message={at('again')} />
      {save.error && !save.field?.endsWith('Password') && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      <button type="submit" class="button button--primary" disabled={save.busy}>
        {s.change}
      </button>
    </form>
  );
}

/** One's own alerts: an email on a new complaint and when a submission is about to breach its target. */
function AlertsForm() {
  const s = t().account;
  const [alerts, setAlerts] = useState<boolean | undefined>();
  const [error, setError] = useState<string | undefined>();
  const save = useSave();
  useEffect(() => void loadPreferences().then((p) => setAlerts(p.alerts), (failure) => setError(isDeskError(failure) ? failure.message : String(failure))), []);
  return (
    <section class="settings-section" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{s.alerts}</h2>
      <p class="muted">{s.alertsHint}</p>
      {(error ?? save.error) && (
        <p class="error" role="alert">
          {error ?? save.error}
        </p>
      )}
      {alerts === undefined && !error ? (
        <p role="status">{t().app.loading}</p>
      ) : (
        <label class="check">
          <input
            type="checkbox"
            checked={alerts ?? false}
            disabled={save.busy || alerts === undefined}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              void save.run(async () => setAlerts((await savePreferences({ alerts: on })).alerts), on ? s.alertsOn : s.alertsOff);
            }}
          />{' '}
          {s.alertsLabel}
        </label>
      )}
    </section>
  );
}

/** One's own settings: password and alerts. */
export function Account() {
  return (
    <section class="admin-page" aria-labelledby="account-heading">
      <h1 id="account-heading">{t().account.heading}</h1>
      <p class="muted">{currentUser.value?.email}</p>
      <PasswordForm />
      <AlertsForm />
    </section>
  );
}
