import { t } from '../i18n/i18n.js';
import { VIEWS } from './inbox-query.js';
import { counts, setView, view } from './inbox-store.js';

/** The saved views with how many open submissions each holds; the current one is marked. */
export function ViewList() {
  const s = t().inbox;
  const numbers = counts.value;
  return (
    <nav class="views" aria-label={s.views}>
      <ul class="views__list">
        {VIEWS.map((name) => (
          <li key={name}>
            <button
              type="button"
              class={`views__item${view.value === name ? ' views__item--current' : ''}`}
              aria-current={view.value === name ? 'true' : undefined}
              onClick={() => setView(name)}
            >
              <span>{s.viewNames[name]}</span>
              {numbers && <span class="views__count">{numbers[name].toLocaleString()}</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
