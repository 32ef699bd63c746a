import type { AdminUser, Role } from '@sori/protocol';
import { useState } from 'preact/hooks';
import { allDepartments, sites } from '../api/directory.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { DepartmentOptions } from '../ui/DepartmentOptions.js';
import { ConfirmInline } from '../ui/ConfirmInline.js';
import { useSave } from '../ui/use-save.js';
import { generatePassword, resetPassword, updateUser } from './staff-api.js';

/** Props of {@link UserRow}. */
export interface UserRowProps {
  user: AdminUser;
  /** A new password to show once, after a reset. */
  onPassword: (email: string, password: string) => void;
}

/** One user: role, department and sites changed in place, disabled or enabled (asking first), password reset. */
export function UserRow({ user, onPassword }: UserRowProps) {
  const s = t().staff;
  const [confirming, setConfirming] = useState<'disable' | 'reset' | undefined>();
  const save = useSave();
  const self = currentUser.value?.id === user.id;
  const change = (body: Parameters<typeof updateUser>[1], said = t().admin.saved) => save.run(() => updateUser(user.id, body), said);
  const siteNames = (ids: readonly string[]) => sites.value.filter((site) => ids.includes(site.id)).map((site) => site.name);

  async function reset() {
    setConfirming(undefined);
    const password = generatePassword();
    if (await save.run(() => resetPassword(user.id, password), s.passwordReset(user.email))) onPassword(user.email, password);
  }

  return (
    <tr class={user.disabled ? 'muted' : undefined}>
      <th scope="row">
        {user.name}
        <br />
        <span class="muted">{user.email}</span>
        {user.disabled && <strong class="warning"> · {s.disabled}</strong>}
        {!user.passwordSet && <span class="muted"> · {s.notSetUp}</span>}
      </th>
      <td>
        <select aria-label={s.roleOf(user.name)} value={user.role} disabled={self || save.busy} onChange={(e) => void change({ role: e.currentTarget.value as Role })}>
          <option value="agent">{s.roles.agent}</option>
          <option value="admin">{s.roles.admin}</option>
        </select>
      </td>
      <td>
        <select aria-label={s.departmentOf(user.name)} value={user.department ?? ''} disabled={save.busy} onChange={(e) => void change({ department: e.currentTarget.value || null })}>
          <DepartmentOptions departments={allDepartments.value} none={s.noDepartment} />
        </select>
      </td>
      <td>
        {user.role === 'admin' ? (
          <span class="muted">{s.allSites}</span>
        ) : (
          <fieldset class="plain">
            <legend class="visually-hidden">{s.sitesOf(user.name)}</legend>
            {sites.value.map((site) => (
              <label class="check" key={site.id}>
                <input
                  type="checkbox"
                  checked={user.siteIds.includes(site.id)}
                  disabled={save.busy}
                  onChange={(e) => void change({ siteIds: e.currentTarget.checked ? [...user.siteIds, site.id] : user.siteIds.filter((id) => id !== site.id) })}
                />{' '}
                {site.name}
              </label>
            ))}
            {!user.siteIds.length && <span class="warning">{s.noSites}</span>}
            <span class="visually-hidden">{siteNames(user.siteIds).join(', ')}</span>
          </fieldset>
        )}
      </td>
      <td>
        {confirming ? (
          <ConfirmInline
            question={confirming === 'disable' ? s.confirmDisable(user.name) : s.confirmReset(user.name)}
            action={confirming === 'disable' ? s.disable : s.resetPassword}
            onConfirm={() => (confirming === 'disable' ? (setConfirming(undefined), void change({ disabled: true }, s.disabledNow(user.name))) : void reset())}
            onCancel={() => setConfirming(undefined)}
          />
        ) : (
          <span class="copy">
            {user.disabled ? (
              <button type="button" class="button" onClick={() => void change({ disabled: false }, s.enabledNow(user.name))}>
                {s.enable}
              </button>
            ) : (
              <button type="button" class="button button--danger" disabled={self} aria-label={s.disableLabel(user.name)} onClick={() => setConfirming('disable')}>
                {s.disable}
              </button>
            )}
            <button type="button" class="button" disabled={self} aria-label={s.resetLabel(user.name)} onClick={() => setConfirming('reset')}>
              {s.resetPassword}
            </button>
          </span>
        )}
        {save.error && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
      </td>
    </tr>
  );
}
