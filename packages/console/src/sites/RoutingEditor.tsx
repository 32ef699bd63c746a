import type { AdminSite, RoutingDefaults } from '@sori/protocol';
import { DEFAULT_DEPARTMENTS, KINDS, type Kind } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { DepartmentOptions } from '../ui/DepartmentOptions.js';
import { useSave } from '../ui/use-save.js';
import { updateSite } from './sites-api.js';

/** A department picker with "none" first. */
function DepartmentSelect({ label, value, departments, onChange }: { label: string; value: string; departments: readonly string[]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <DepartmentOptions departments={departments} none={t().sites.noDepartment} />
      </select>
    </label>
  );
}

/**
 * Where a new submission goes on arrival: a department per kind, and per product (a product's
 * department wins), and whether it is also assigned in turn to the department's agents. Each
 * automatic step shows in the timeline as automatic.
 */
export function RoutingEditor({ site }: { site: AdminSite }) {
  const s = t().sites;
  const routing = site.settings.routing ?? {};
  const departments = site.settings.departments ?? DEFAULT_DEPARTMENTS;
  const [byKind, setByKind] = useState<Partial<Record<Kind, string>>>(routing.byKind ?? {});
  const [byProduct, setByProduct] = useState<Record<string, string>>(routing.byProduct ?? {});
  const [roundRobin, setRoundRobin] = useState(routing.roundRobin ?? false);
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    const next: RoutingDefaults = {
      byKind: Object.fromEntries(Object.entries(byKind).filter(([, d]) => d)),
      byProduct: Object.fromEntries(Object.entries(byProduct).filter(([product, d]) => d && (site.settings.products ?? []).includes(product))),
      roundRobin,
    };
    await save.run(() => updateSite(site.id, { settings: { routing: next } }));
  }

  return (
    <section class="settings-section" aria-labelledby="routing-heading">
      <h2 id="routing-heading">{s.routing}</h2>
      <p class="muted">{s.routingHint}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{s.byKind}</legend>
          <div class="settings-grid">
            {KINDS.map((kind) => (
              <DepartmentSelect key={kind} label={s.routeKind(t().kinds[kind])} value={byKind[kind] ?? ''} departments={departments} onChange={(d) => setByKind({ ...byKind, [kind]: d })} />
            ))}
          </div>
        </fieldset>
        {(site.settings.products ?? []).length > 0 && (
          <fieldset>
            <legend>{s.byProduct}</legend>
            <div class="settings-grid">
              {(site.settings.products ?? []).map((product) => (
                <DepartmentSelect key={product} label={s.routeProduct(product)} value={byProduct[product] ?? ''} departments={departments} onChange={(d) => setByProduct({ ...byProduct, [product]: d })} />
              ))}
            </div>
          </fieldset>
        )}
        <label class="check">
          <input type="checkbox" checked={roundRobin} onChange={(e) => setRoundRobin(e.currentTarget.checked)} /> {s.roundRobin}
        </label>
        {save.error && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
        <button type="submit" class="button button--primary" disabled={save.busy}>
          {s.saveRouting}
        </button>
      </form>
    </section>
  );
}
