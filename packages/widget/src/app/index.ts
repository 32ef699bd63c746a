import { createSori, type Item, type Sori } from '@sori/sdk';
import { h, render } from 'preact';
import type { AppApi, Mount, OpenOptions } from '../loader/api.js';
import { withOverrides } from './overrides.js';
import { Panel } from './Panel.js';
import { PANEL_CSS } from './styles.js';

/**
 * Mounts the panel into the loader's shadow root and answers the page-facing API. Loaded lazily
 * by the loader on first use (or at idle for a shopper who has items).
 */
export const mount: Mount = (root, { site, endpoint, locale, strings, overrides, launcher }) => {
  const sori: Sori = createSori({ site, endpoint });
  const t = withOverrides(strings, overrides);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const container = document.createElement('div');
  root.append(container);

  let open = false;
  let prefill: OpenOptions | undefined;
  let openCount = 0;
  // The launcher counts staff answers the shopper has not read, also right after a reload.
  const label = launcher.textContent ?? '';
  const badge = document.createElement('span');
  badge.className = 'u';
  badge.setAttribute('aria-hidden', 'true');
  const onItems = (items: Item[]) => {
    // Remembered, so the next page loads the app at idle: it sends what waits and listens.
    try {
      if (items[0]) localStorage.setItem('sori:active', '1');
    } catch {
      // Storage blocked: the app then loads on first use only.
    }
    const unread = items.reduce((n, item) => n + item.unread, 0);
    badge.textContent = String(unread);
    if (unread) launcher.append(badge);
    else badge.remove();
    launcher.setAttribute('aria-label', unread ? `${label} (${t.unread(unread)})` : label);
  };
  const draw = () => render(h(Panel, { sori, t, locale, open, prefill, openCount, onClose: close, onItems }), container);

  function close(): void {
    if (!open) return;
    open = false;
    launcher.setAttribute('aria-expanded', 'false');
    draw();
    launcher.focus();
  }

  draw();

  const api: AppApi = {
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
  };
  return api;
};
