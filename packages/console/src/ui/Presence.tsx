import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { presence } from '../live/live-store.js';

/** Who else is on a submission ("Mina is replying"), from the live store; the signed-in user is left out. */
export function othersOn(submissionId: string) {
  const me = currentUser.value?.id;
  return (presence.value.get(submissionId) ?? []).filter((user) => user.id !== me);
}

/** The people other than me viewing or replying to one submission; nothing when nobody is. */
export function Presence({ submissionId }: { submissionId: string }) {
  const others = othersOn(submissionId);
  if (!others.length) return null;
  const p = t().presence;
  return (
    <span class="presence-list">
      {others.map((user) => (
        <span key={user.id} class={`presence presence--${user.state}`}>
          {user.state === 'replying' ? p.replying(user.name) : p.viewing(user.name)}
        </span>
      ))}
    </span>
  );
}
