import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { ShownOnce } from '../ui/ShownOnce.js';
import { InviteForm, type Handover } from './InviteForm.js';
import { loadStaff, staff } from './staff-api.js';
import { UserRow } from './UserRow.js';

/** The staff: invite, role, department, site membership, disable and enable, password reset. */
export function Staff() {
  const s = t().staff;
  const [inviting, setInviting] = useState(false);
  const [handover, setHandover] = useState<Handover | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => void loadStaff().catch((failure) => setError(isDeskError(failure) ? failure.message : String(failure))), []);
  const list = staff.value;
  return (
    <section class="admin-page" aria-labelledby="staff-heading">
      <h1 id="staff-heading">{s.heading}</h1>
      {error && (
        <p class="error" role="alert">
          {t().app.failed(error)}
        </p>
      )}
      {handover && (
        <ShownOnce
          label={handover.password ? s.passwordFor(handover.email) : s.setupTokenFor(handover.email)}
          secret={handover.password ?? handover.setupToken ?? ''}
          onDone={() => setHandover(undefined)}
        />
      )}
      {inviting ? (
        <InviteForm
          onCancel={() => setInviting(false)}
          onInvited={(given) => {
            setInviting(false);
            setHandover(given);
          }}
        />
      ) : (
        <button type="button" class="button button--primary" onClick={() => setInviting(true)}>
          {s.invite}
        </button>
      )}
      {!list && !error && <p role="status">{t().app.loading}</p>}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{s.user}</th>
            <th scope="col">{s.role}</th>
            <th scope="col">{s.department}</th>
            <th scope="col">{s.sites}</th>
            <th scope="col">{s.actions}</th>
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((user) => (
            <UserRow key={user.id} user={user} onPassword={(email, password) => setHandover({ email, password })} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
