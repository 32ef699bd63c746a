import { LOCALES, locale, setLocale, t } from '../i18n/i18n.js';
import { setTheme, theme, type Theme } from '../theme/theme.js';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** The language and colour switches; both choices are kept on this device. */
export function Preferences() {
  const s = t().shell;
  return (
    <div class="preferences">
      <label>
        <span>{s.language}</span>
        <select value={locale.value} onChange={(e) => setLocale(LOCALES.find((l) => l === e.currentTarget.value) ?? locale.peek())}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {s.languages[l]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{s.theme}</span>
        <select value={theme.value} onChange={(e) => setTheme(THEMES.find((x) => x === e.currentTarget.value) ?? 'system')}>
          {THEMES.map((name) => (
            <option key={name} value={name}>
              {s.themes[name]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
