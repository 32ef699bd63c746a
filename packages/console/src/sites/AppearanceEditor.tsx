import type { AdminSite } from '@sori/protocol';
import { useState } from 'preact/hooks';
import { locale as consoleLocale, t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { updateSite } from './sites-api.js';
import { STRING_DEFAULTS, STRING_KEYS, THEME_DEFAULTS, THEME_KEYS, isColour, type ThemeKey } from './widget-look.js';
import { WidgetPreview } from './WidgetPreview.js';

/** Keeps the entries that hold something. */
const filled = (record: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v.trim()));

/**
 * The widget's colours and wording, previewed live in the real widget beside the form. Saved,
 * the widget on the site's pages picks them up from `/v1/site` on its next load, no redeploy.
 */
export function AppearanceEditor({ site }: { site: AdminSite }) {
  const s = t().sites;
  const [theme, setTheme] = useState<Record<string, string>>(site.settings.theme ?? {});
  const [strings, setStrings] = useState<Record<string, string>>(site.settings.strings ?? {});
  const [problem, setProblem] = useState<{ key: ThemeKey; message: string } | undefined>();
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    const bad = THEME_KEYS.find((key) => theme[key] && !isColour(theme[key] ?? ''));
    if (bad) return setProblem({ key: bad, message: s.errors.colour });
    setProblem(undefined);
    await save.run(() => updateSite(site.id, { settings: { theme: filled(theme), strings: filled(strings) } }));
  }

  const previewLocale = site.settings.locale ?? consoleLocale.value;
  return (
    <section class="settings-section" aria-labelledby="look-heading">
      <h2 id="look-heading">{s.appearance}</h2>
      <div class="appearance">
        <form onSubmit={submit} noValidate class="settings-form">
          <fieldset>
            <legend>{s.colours}</legend>
            {THEME_KEYS.map((key) => (
              <div class="colour-row" key={key}>
                <label>
                  {s.themeNames[key]}
                  <input type="color" value={isColour(theme[key] ?? '') ? theme[key] : THEME_DEFAULTS[key]} onInput={(e) => setTheme({ ...theme, [key]: e.currentTarget.value })} />
                </label>
                <input
                  aria-label={s.colourCode(s.themeNames[key])}
                  size={9}
                  value={theme[key] ?? ''}
                  placeholder={THEME_DEFAULTS[key]}
                  {...invalidProps(`theme-${key}-error`, problem?.key === key ? problem.message : undefined)}
                  onInput={(e) => setTheme({ ...theme, [key]: e.currentTarget.value })}
                />
                <button type="button" class="button button--quiet" onClick={() => setTheme(Object.fromEntries(Object.entries(theme).filter(([k]) => k !== key)))}>
                  {s.useDefault}
                </button>
                <FieldError id={`theme-${key}-error`} message={problem?.key === key ? problem.message : undefined} />
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{s.wording}</legend>
            {STRING_KEYS.map((key) => (
              <label key={key}>
                {s.stringNames[key]}
                <input value={strings[key] ?? ''} placeholder={STRING_DEFAULTS[key]} maxLength={500} onInput={(e) => setStrings({ ...strings, [key]: e.currentTarget.value })} />
              </label>
            ))}
          </fieldset>
          {save.error && (
            <p class="error" role="alert">
              {save.error}
            </p>
          )}
          <button type="submit" class="button button--primary" disabled={save.busy}>
            {s.saveAppearance}
          </button>
        </form>
        <div class="appearance__preview">
          <p class="muted">{s.previewHint}</p>
          <WidgetPreview siteKey={site.key} locale={previewLocale} theme={filled(theme)} strings={filled(strings)} title={s.preview} />
        </div>
      </div>
    </section>
  );
}
