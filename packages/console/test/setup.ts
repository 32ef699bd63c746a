import { cleanup, configure } from '@testing-library/preact';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { releaseHeldCalls, setCsrfToken, signInNeeded } from '../src/api/client.js';
import { currentUser, sessionState } from '../src/api/session.js';
import { locale } from '../src/i18n/i18n.js';
import { resetInboxStore, sort, view } from '../src/inbox/inbox-store.js';
import { clearSelection } from '../src/inbox/selection.js';
import { clearLiveStore } from '../src/live/live-store.js';
import { stopLive } from '../src/live/stream.js';
import { announcement } from '../src/ui/announce.js';
import { cannedReplies } from '../src/canned-replies/canned-api.js';
import { FakeEventSource } from './fake-event-source.js';
import { adminSites } from '../src/sites/sites-api.js';
import { staff } from '../src/staff/staff-api.js';
import { tokens } from '../src/tokens/tokens-api.js';
import { webhooks } from '../src/webhooks/webhooks-api.js';

/** The msw server every test adds its fake desk to (see helpers.tsx). */
export const server = setupServer();

vi.stubGlobal('EventSource', FakeEventSource);
// The first render of a file loads the lazy screens' modules: slow on a busy CI machine.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  stopLive();
  clearLiveStore();
  resetInboxStore();
  clearSelection();
  // The device-kept choices start over with the storage they came from.
  view.value = 'all';
  sort.value = 'due';
  if (signInNeeded.peek()) releaseHeldCalls(false);
  setCsrfToken('');
  announcement.value = undefined;
  cannedReplies.value = undefined;
  adminSites.value = undefined;
  staff.value = undefined;
  tokens.value = undefined;
  webhooks.value = undefined;
  currentUser.value = null;
  sessionState.value = 'checking';
  server.resetHandlers();
  localStorage.clear();
  locale.value = 'en';
  FakeEventSource.opened = [];
  history.replaceState(null, '', '/console/');
  vi.useRealTimers();
});
afterAll(() => server.close());
