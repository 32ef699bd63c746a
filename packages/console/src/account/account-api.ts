import type { PasswordChangeInput, Preferences, PreferencesInput } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { desk } from '../api/client.js';

/** Changes one's own password (the current one is needed); one's other sessions end. */
export function changeOwnPassword(input: PasswordChangeInput): Promise<void> {
  return desk<void>('PUT', ADMIN_PATHS.ownPassword, { body: input });
}

/** One's own alert choice: emails on new complaints and on submissions about to breach. */
export function loadPreferences(): Promise<Preferences> {
  return desk<Preferences>('GET', ADMIN_PATHS.preferences);
}

/** Turns one's own alerts on or off. */
export function savePreferences(input: PreferencesInput): Promise<Preferences> {
  return desk<Preferences>('PATCH', ADMIN_PATHS.preferences, { body: input });
}
