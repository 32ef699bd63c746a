import { t } from '../i18n/i18n.js';
import { heardAt, liveState } from './live-store.js';

const clock = (ms: number | undefined) => new Date(ms ?? Date.now()).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * Says plainly whether what is on screen is live: "Live", or that it is reconnecting or offline
 * and since when the page knows nothing new. Never silently stale.
 */
export function LiveStatus() {
  const state = liveState.value;
  const s = t().live;
  const text =
    state === 'live' ? s.live : state === 'offline' ? s.offline(clock(heardAt.value)) : state === 'reconnecting' ? s.reconnecting(clock(heardAt.value)) : s.connecting;
  // A change of connection matters to everyone on the page: a polite live region says it.
  return (
    <p class={`live-status live-status--${state}`} role="status">
      <span class="live-status__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
