import type { Role } from '@sori/protocol';
import { useState } from 'preact/hooks';
import { allDepartments, sites } from '../api/directory.js';
import { t } from '../i18n/i18n.js';
import { DepartmentOptions } from '../ui/DepartmentOptions.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { generatePassword, inviteUser } from './staff-api.js';

/** What the admin hands the new user once: their password, or the token they set one with. */
export interface Handover {
  email: string;
  password?: string;
  setupToken?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Invites a user: email, name, role, department and the sites they work on; a password made
 * here and shown once, or a setup token they choose their own with.
 */
export function InviteForm({ onInvited, onCancel }: { onInvited: (handover: Handover) => void; onCancel: () => void }) {
  const s = t().staff;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [department, setDepartment] = useState('');
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [makePassword, setMakePassword] = useState(true);
  const [problem, setProblem] = useState<string | undefined>();
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    if (!EMAIL.test(email.trim())) return setProblem(s.errors.email);
    setProblem(undefined);
    const password = makePassword ? generatePassword() : undefined;
    let setupToken: string | undefined;
    const ok = await save.run(async () => {
      const invited = await inviteUser({
        email: email.trim(),
        role,
        siteIds,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(department ? { department } : {}),
        ...(password ? { password } : {}),
      });
      setupToken = invited.setupToken;
    }, s.invited(email.trim()));
    if (ok) onInvited({ email: email.trim(), ...(password ? { password } : {}), ...(setupToken ? { setupToken } : {}) });
  }

  const emailError = problem ?? (save.field === 'email' ? save.error : undefined);
  return (
    <form class="settings-form settings-section" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h2 id="invite-heading">{s.invite}</h2>
      <label>
        {s.email}
        <input type="email" value={email} {...invalidProps('invite-email-error', emailError)} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <FieldError id="invite-email-error" message={emailError} />
      <label>
        {s.name}
        <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {s.role}
        <select value={role} onChange={(e) => setRole(e.currentTarget.value === 'admin' ? 'admin' : 'agent')}>
          <option value="agent">{s.roles.agent}</option>
          <option value="admin">{s.roles.admin}</option>
        </select>
      </label>
      <label>
        {s.department}
        <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
          <DepartmentOptions departments={allDepartments.value} none={s.noDepartment} />
        </select>
      </label>
      <fieldset>
        <legend>{s.sites}</legend>
        {role === 'admin' && <p class="muted">{s.adminSeesAll}</p>}
        {sites.value.map((site) => (
          <label class="check" key={site.id}>
            <input type="checkbox" checked={siteIds.includes(site.id)} onChange={(e) => setSiteIds(e.currentTarget.checked ? [...siteIds, site.id] : siteIds.filter((id) => id !== site.id))} /> {site.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{s.passwordChoice}</legend>
        <label class="check">
          <input type="radio" name="password-choice" checked={makePassword} onChange={() => setMakePassword(true)} /> {s.makePassword}
        </label>
        <label class="check">
          <input type="radio" name="password-choice" checked={!makePassword} onChange={() => setMakePassword(false)} /> {s.letThemChoose}
        </label>
      </fieldset>
      {save.error && save.field !== 'email' && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--quiet" onClick={onCancel}>
          {t().app.cancel}
        </button>
        <button type="submit" class="button button--primary" disabled={save.busy}>
          {s.inviteSubmit}
        </button>
      </div>
    </form>
  );
}
