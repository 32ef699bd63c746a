import { signal } from '@preact/signals';
import { t } from '../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { type ActionGroup, currentActions, displayKeys } from './registry.js';

/** Whether the `?` help is open. */
export const helpOpen = signal(false);

const GROUPS: readonly ActionGroup[] = ['global', 'list', 'submission'];

/** Every registered shortcut, grouped, drawn from the registry: nothing listed that does not work. */
export function ShortcutHelp() {
  if (!helpOpen.value) return null;
  const s = t().shortcuts;
  const withKeys = currentActions().filter((action) => action.keys);
  return (
    <Dialog labelledBy="shortcut-help-heading" onClose={() => (helpOpen.value = false)} className="shortcut-help">
      <h2 id="shortcut-help-heading">{s.heading}</h2>
      <p class="muted">{s.intro}</p>
      {GROUPS.map((group) => {
        const list = withKeys.filter((action) => action.group === group);
        if (!list.length) return null;
        return (
          <section key={group} aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`}>{s.groups[group]}</h3>
            <dl class="shortcut-help__list">
              {list.map((action) => (
                <div key={action.id} class="shortcut-help__row">
                  <dt>
                    <kbd class="kbd">{displayKeys(action.keys ?? '')}</kbd>
                  </dt>
                  <dd>{action.label()}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      <p class="muted">{s.rangeHint}</p>
      <div class="dialog__actions">
        <button type="button" class="button" onClick={() => (helpOpen.value = false)}>
          {t().app.close}
        </button>
      </div>
    </Dialog>
  );
}
