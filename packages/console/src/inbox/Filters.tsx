import { CONTACT_PREFERENCES, KINDS, STATUSES } from '@sori/protocol/constants';
import { useEffect, useState } from 'preact/hooks';
import { allDepartments, allProducts, sites, users } from '../api/directory.js';
import { t } from '../i18n/i18n.js';
import type { InboxFilters } from './inbox-query.js';
import { SORTS } from './inbox-query.js';
import { filters, setFilters, setSort, sort } from './inbox-store.js';
import { departmentName } from '../ui/names.js';

type Key = keyof InboxFilters;

/** One select of the filter bar; the empty choice ("Any") leaves the filter out. */
function Choice({ name, label, options }: { name: Key; label: string; options: ReadonlyArray<readonly [string, string]> }) {
  const value = filters.value[name];
  return (
    <label class="filters__field">
      {label}
      <select
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          // `spam` is the one boolean filter; the others are strings the server checks.
          const next = name === 'spam' ? (raw === '' ? undefined : raw === 'true') : raw || undefined;
          setFilters({ ...filters.peek(), [name]: next });
        }}
      >
        <option value="">{t().inbox.any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Text search and the server-side filters on top of the saved view, and the sort (kept). Search
 * waits for a pause in typing; the server also matches tracking numbers, emails and phones.
 */
export function Filters() {
  const s = t();
  const [text, setText] = useState(filters.value.q ?? '');
  useEffect(() => {
    if ((filters.peek().q ?? '') === text.trim()) return;
    const timer = setTimeout(() => setFilters({ ...filters.peek(), q: text.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const active = Object.values(filters.value).some((v) => v !== undefined);

  return (
    <div class="filters">
      <div class="filters__search" role="search">
        <label class="filters__field filters__field--wide">
          {s.inbox.search}
          <input type="search" value={text} placeholder={s.inbox.searchHint} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
      </div>
      <label class="filters__field">
        {s.inbox.sort}
        <select value={sort.value} onChange={(e) => setSort(SORTS.find((x) => x === e.currentTarget.value) ?? 'due')}>
          {SORTS.map((name) => (
            <option key={name} value={name}>
              {s.inbox.sorts[name]}
            </option>
          ))}
        </select>
      </label>
      <details class="filters__more" open={active}>
        <summary>{s.inbox.filters}</summary>
        <div class="filters__grid">
          <Choice name="status" label={s.inbox.status} options={STATUSES.map((v) => [v, s.statuses[v]] as const)} />
          <Choice name="kind" label={s.inbox.kind} options={KINDS.map((v) => [v, s.kinds[v]] as const)} />
          <Choice name="department" label={s.inbox.department} options={allDepartments.value.map((v) => [v, departmentName(v)] as const)} />
          <Choice
            name="assignee"
            label={s.inbox.assignee}
            options={[['me', s.inbox.me], ['none', s.inbox.nobody], ...users.value.map((u) => [u.id, u.name] as const)]}
          />
          <Choice name="product" label={s.inbox.product} options={allProducts.value.map((v) => [v, v] as const)} />
          <Choice name="sla" label={s.inbox.sla} options={(['breached', 'due_soon', 'resolution_breached', 'resolution_due_soon'] as const).map((v) => [v, s.inbox.slaOptions[v]] as const)} />
          <Choice name="spam" label={s.inbox.spam} options={[['true', s.inbox.spamOptions.only], ['false', s.inbox.spamOptions.none]]} />
          <Choice name="contactPreference" label={s.inbox.contactPreference} options={CONTACT_PREFERENCES.map((v) => [v, s.preferences[v]] as const)} />
          {sites.value.length > 1 && <Choice name="siteId" label={s.inbox.site} options={sites.value.map((site) => [site.id, site.name] as const)} />}
        </div>
        {active && (
          <button
            type="button"
            class="button button--quiet"
            onClick={() => {
              setText('');
              setFilters({});
            }}
          >
            {s.inbox.clear}
          </button>
        )}
      </details>
    </div>
  );
}
