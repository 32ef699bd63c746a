import { useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { announce } from './announce.js';

/** Where one form's save stands: the server's refusal (and the field it named), and whether it is under way. */
export interface SaveState {
  busy: boolean;
  /** The server's message when it refused, or why the call failed. */
  error: string | undefined;
  /** The field the server named (`field` of its error), if any. */
  field: string | undefined;
  /**
   * Runs `work`; on success says `done` (a polite announcement) and answers `true`. A refusal is
   * kept in `error`/`field` for the form to show at the field.
   */
  run(work: () => Promise<unknown>, done?: string): Promise<boolean>;
  clear(): void;
}

/** The busy flag and the server's refusal of one settings form. */
export function useSave(): SaveState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [field, setField] = useState<string | undefined>();
  return {
    busy,
    error,
    field,
    async run(work, done = t().admin.saved) {
      setBusy(true);
      setError(undefined);
      setField(undefined);
      try {
        await work();
        announce(done);
        return true;
      } catch (failure) {
        setError(isDeskError(failure) ? (failure.code === 'network' ? t().app.network : failure.message) : String(failure));
        setField(isDeskError(failure) ? failure.field : undefined);
        return false;
      } finally {
        setBusy(false);
      }
    },
    clear() {
      setError(undefined);
      setField(undefined);
    },
  };
}
