import type { AdminSite } from '@sori/protocol';
import { DEFAULT_DEPARTMENTS, KINDS, type Kind } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { LOCALES, t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { departmentName } from '../ui/names.js';
import { useSave } from '../ui/use-save.js';
import { ListEditor } from './ListEditor.js';
import { updateSite } from './sites-api.js';

/**
 * What the site is and offers: its name, the kinds the widget offers, the widget's default
 * language, its products and its departments (the six defaults, renamed or added to).
 */
export function GeneralEditor({ site }: { site: AdminSite }) {
  const s = t().sites;
  const [name, setName] = useState(site.name);
  const [kinds, setKinds] = useState<Kind[]>(site.settings.kinds ?? [...KINDS]);
  const [locale, setLocale] = useState(site.settings.locale ?? '');
  const [products, setProducts] = useState<string[]>(site.settings.products ?? []);
  const [departments, setDepartments] = useState<string[]>(site.settings.departments ?? [...DEFAULT_DEPARTMENTS]);
  const [problem, setProblem] = useState<{ field: string; message: string } | undefined>();
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    if (!name.trim()) return setProblem({ field: 'name', message: s.errors.nameEmpty });
    if (!kinds.length) return setProblem({ field: 'kinds', message: s.errors.kindsEmpty });
    setProblem(undefined);
    await save.run(() =>
      updateSite(site.id, {
        ...(name.trim() !== site.name ? { name: name.trim() } : {}),
        settings: { kinds: KINDS.filter((k) => kinds.includes(k)), locale: locale || null, products, departments },
      }),
    );
  }

  // The server's refusal at the field it named; other refusals under the form.
  const at = (field: string) => (problem?.field === field ? problem.message : save.field && save.field.split('.').includes(field) ? save.error : undefined);
  const placed = ['name', 'kinds', 'locale', 'products', 'departments'].some((f) => at(f));
  return (
    <section class="settings-section" aria-labelledby="general-heading">
      <h2 id="general-heading">{s.general}</h2>
      <div class="settings-form">
        <label>
          {s.name}
          <input value={name} maxLength={200} {...invalidProps('name-error', at('name'))} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <FieldError id="name-error" message={at('name')} />
        <fieldset {...invalidProps('kinds-error', at('kinds'))}>
          <legend>{s.kinds}</legend>
          {KINDS.map((kind) => (
            <label class="check" key={kind}>
              <input type="checkbox" checked={kinds.includes(kind)} onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))} /> {t().kinds[kind]}
            </label>
          ))}
        </fieldset>
        <FieldError id="kinds-error" message={at('kinds')} />
        <label>
          {s.locale}
          <select value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
            <option value="">{s.browserLocale}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t().shell.languages[l]}
              </option>
            ))}
          </select>
        </label>
        <ListEditor id="products" heading={s.products} itemLabel={s.product} items={products} onChange={setProducts} />
        <FieldError id="products-error" message={at('products')} />
        <ListEditor id="departments" heading={s.departments} itemLabel={s.department} items={departments} display={departmentName} min={1} onChange={setDepartments} />
        <FieldError id="departments-error" message={at('departments')} />
        {save.error && !placed && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
        <button type="button" class="button button--primary" disabled={save.busy} onClick={submit}>
          {s.saveGeneral}
        </button>
      </div>
    </section>
  );
}
