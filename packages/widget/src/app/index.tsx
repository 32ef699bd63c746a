import { createSori, type Sori, type Submission } from '@sori/sdk';
import { render } from 'preact';
import type { AppApi, Mount, OpenOptions } from '../loader/api.js';
import { adoptStyles } from './adopt-styles.js';
import { COMPOSE_CSS } from './Compose.styles.js';
import { withOverrides } from './overrides.js';
import { Panel } from './Panel.js';
import { PANEL_CSS } from './Panel.styles.js';

/**
 * Mounts the panel into the loader's shadow root and answers the page-facing API. Loaded lazily
 * by the loader on first use (or at idle for a shopper who has submissions).
 */
export const mount: Mount = (root, { site, endpoint, locale, strings, overrides, launcher }) => {
  const sori: Sori = createSori({ site, endpoint });
  let t = withOverrides(strings, overrides);
  adoptStyles(root, PANEL_CSS + COMPOSE_CSS);
  // The site's own colours and words from its settings (the console's), picked up without a
  // redeploy. Colours go on :host, under whatever the page's own CSS sets on `sori-widget`; the
  // page's `data-strings` stay over the site's words.
  sori.config().then(({ theme = {}, strings: words }) => {
    adoptStyles(root, `:host{${Object.entries(theme).map(([k, v]) => `--sori-${k}:${v}`).join(';')}}`);
    t = withOverrides(withOverrides(strings, JSON.stringify(words)), overrides);
    draw();
  }, () => undefined);
  const container = document.createElement('div');
  root.append(container);

  let open = false;
  let prefill: OpenOptions | undefined;
  let openCount = 0;
  // The launcher counts staff answers the shopper has not read, also right after a reload.
  const label = launcher.textContent ?? '';
  const badge = document.createElement('span');
  badge.className = 'sori-launcher__badge';
  badge.setAttribute('aria-hidden', 'true');
  const onSubmissions = (submissions: Submission[]) => {
    // Remembered, so the next page loads the app at idle: it sends what waits and listens.
    try {
      if (submissions[0]) localStorage.setItem('sori:active', '1');
    } catch {
      // Storage blocked: the app then loads on first use only.
    }
    const unread = submissions.reduce((n, s) => n + s.unread, 0);
    badge.textContent = String(unread);
    if (unread) launcher.append(badge);
    else badge.remove();
    launcher.setAttribute('aria-label', unread ? `${label} (${t.unread(unread)})` : label);
  };
  const draw = () => render(<Panel sori={sori} t={t} locale={locale} open={open} prefill={prefill} openCount={openCount} onClose={close} onSubmissions={onSubmissions} />, container);

  function close(): void {
    if (!open) return;
    open = false;
    launcher.setAttribute('aria-expanded', 'false');
    draw();
    launcher.focus();
  }

  draw();

  return {
    // The SDK's methods are closures (no `this`), so they pass on as they are.
    ...sori,
    open(options) {
      open = true;
      prefill = options;
      openCount++;
      launcher.setAttribute('aria-expanded', 'true');
      draw();
    },
    close,
  } satisfies AppApi;
};
