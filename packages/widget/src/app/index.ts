import { createSori, type Sori } from '@sori/sdk';
import { h, render } from 'preact';
import type { Mount, OpenOptions, WidgetApi } from '../loader/api.js';
import { Panel } from './Panel.js';
import { PANEL_CSS } from './styles.js';

/** Remembers that this browser has items, so the next page loads the app at idle and sends/listens. */
function markActive(): void {
  try {
    localStorage.setItem('sori:active', '1');
  } catch {
    // Storage blocked: the app then loads on first use only.
  }
}

/**
 * Mounts the panel into the loader's shadow root and answers the page-facing API. Loaded lazily
 * by the loader on first use (or at idle for a shopper who has items).
 */
export const mount: Mount = (root, { site, endpoint, locale, strings: t, launcher }) => {
  const sori: Sori = createSori({ site, endpoint });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const container = document.createElement('div');
  root.append(container);

  let open = false;
  let prefill: OpenOptions | undefined;
  let openCount = 0;
  const draw = () => render(h(Panel, { sori, t, locale, open, prefill, openCount, onClose: close }), container);

  function close(): void {
    if (!open) return;
    open = false;
    launcher.setAttribute('aria-expanded', 'false');
    draw();
    launcher.focus();
  }

  sori.on('item', markActive);
  draw();

  const api: WidgetApi = {
    open(options) {
      open = true;
      prefill = options;
      openCount++;
      launcher.setAttribute('aria-expanded', 'true');
      draw();
    },
    close,
    submit: (input) => sori.submit(input),
    items: () => sori.items(),
    on: (event, listener) => sori.on(event, listener),
    identify: (who) => sori.identify(who),
    setContext: (context) => sori.setContext(context),
  };
  return api;
};
