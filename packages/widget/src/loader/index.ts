import { LAUNCHER_LABEL, LAUNCHER_OFFLINE, pickLocale } from '../locales/launcher.js';
import type { Strings } from '../locales/en.js';
import { FORWARDED, type AppApi, type Forwarded, type Mount, type OpenOptions, type SoriGlobal, type WidgetApi } from './api.js';
import { dispatch, replay } from './queue.js';

/** The hashed file names of the app chunk and of each locale's strings, set at build time. */
declare const __SORI_APP__: string;
declare const __SORI_LOCALES__: Record<'en' | 'ko', string>;
/** What the loader fetches at idle so the widget also opens offline: the app and thread chunks. */
declare const __SORI_PRELOAD__: string[];

declare global {
  interface Window {
    Sori?: SoriGlobal;
  }
}

const LAUNCHER_CSS =
  ':host{all:initial}.sori-launcher{position:fixed;right:var(--sori-offset-x,20px);bottom:var(--sori-offset-y,20px);z-index:2147483000;padding:12px 18px;border:0;border-radius:999px;' +
  'background:var(--sori-accent,#1f5eff);color:var(--sori-on-accent,#fff);font:600 15px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px #0003}' +
  '.sori-launcher:focus-visible{outline:3px solid var(--sori-focus,#ffbf47);outline-offset:2px}' +
  ':host([left]) .sori-launcher{right:auto;left:var(--sori-offset-x,20px)}';

function start(script: HTMLScriptElement | null): void {
  const previous = window.Sori;
  if (previous?.loaded) return;
  const site = script?.dataset['site'] ?? '';
  const endpoint = (script?.dataset['endpoint'] || (script?.src ? new URL(script.src).origin : location.origin)).replace(/\/+$/, '');
  if (!site) console.error('[sori] data-site is missing on the script tag: give the site key, pk_…');
  const locale = pickLocale(script?.dataset['locale'], navigator.language);

  // One host element, fixed and sizeless, so the page's layout never moves; styles live in its
  // shadow root. A custom tag escapes the page's `div`/`button` rules, and `!important` inline
  // styles beat even the page's `!important` ones (`* { all: unset !important }` and the like).
  const host = document.createElement('sori-widget');
  // (`all:initial!important` already resets display, visibility, transform and opacity.)
  // Fixed, so it is out of the page's flow (no flex gap, no shift); its launcher and panel are
  // fixed to the viewport on their own.
  host.style.cssText = 'all:initial!important;position:fixed!important;z-index:2147483000!important';
  const root = host.attachShadow({ mode: 'open' });
  // A constructed stylesheet, not a <style> element: a page's strict CSP (no 'unsafe-inline')
  // blocks the one and allows the other.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'sori-launcher';
  launcher.setAttribute('part', 'launcher');
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.textContent = LAUNCHER_LABEL[locale];
  root.append(launcher);
  document.body.append(host);
  // The side: `data-side="left"` on the tag, or `--sori-side: left` in the page's CSS.
  if ([script?.dataset['side'], getComputedStyle(host).getPropertyValue('--sori-side').trim()].includes('left')) host.setAttribute('left', '');

  let app: Promise<AppApi> | undefined;
  // The app and the shopper's language load side by side; the other language never loads.
  const url = (name: string) => `${endpoint}/sori/${name}`;
  const chunk = (name: string) => import(/* @vite-ignore */ url(name));
  /** The `open()` that could not load, done when the browser is back online. */
  let waiting: OpenOptions | undefined | null = null;
  // A failed load (offline, a network blip) is forgotten, so the next call tries again rather
  // than answering the same failure for the rest of the page's life.
  const load = (): Promise<AppApi> =>
    (app ??= Promise.all([chunk(__SORI_APP__), chunk(__SORI_LOCALES__[locale])]).then(
      ([m, l]: [{ mount: Mount }, { default: Strings }]) => {
        launcher.textContent = LAUNCHER_LABEL[locale];
        return m.mount(root, { site, endpoint, locale, strings: l.default, overrides: script?.dataset['strings'], launcher });
      },
      (error: unknown) => {
        app = undefined;
        throw Object.assign(new Error(`Sori could not load its code (${error}); it tries again when the browser is back online`), { name: 'SoriError', code: 'network' });
      },
    ));
  window.addEventListener('online', () => {
    if (waiting !== null) api.open(waiting);
  });

  const api: WidgetApi = {
    open: (options?: OpenOptions) =>
      void load().then(
        (a) => {
          waiting = null;
          a.open(options);
        },
        () => {
          // Said on the launcher itself while the widget's code cannot be loaded (offline, before it ever was).
          waiting = options;
          launcher.textContent = LAUNCHER_OFFLINE[locale];
        },
      ),
    close: () => void app?.then((a) => a.close()),
    on(event, listener) {
      // Answers at once; a stop asked for before the app loaded happens once the listener is on.
      const off = load().then((a) => a.on(event, listener));
      return () => void off.then((stop) => stop());
    },
    // Each SDK call loads the app, then goes through with the same arguments. Built from the
    // list, the map loses the per-name signatures `WidgetApi` spells out; each entry forwards to
    // the same-named call, so it has that call's arguments and (as a promise) its answer.
    ...(Object.fromEntries(FORWARDED.map((name) => [name, (...args: unknown[]) => load().then((a) => (a[name] as (...x: unknown[]) => unknown)(...args))])) as Pick<WidgetApi, Forwarded>),
  };
  const global: SoriGlobal = Object.assign((method: string, ...args: unknown[]) => dispatch(api, method, args), api, { loaded: true });
  window.Sori = global;
  replay(previous?.q ?? [], api);
  launcher.addEventListener('click', () => api.open());
  // First intent: start loading on hover or focus, so the panel is there by the click.
  for (const intent of ['pointerenter', 'focus']) launcher.addEventListener(intent, () => void load(), { once: true });

  // A shopper with submissions gets the app at idle: what waits is sent and live events flow.
  let active = false;
  try {
    active = localStorage.getItem('sori:active') === '1';
  } catch {
    // Storage blocked: load on first use only.
  }
  // Safari has no requestIdleCallback.
  const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500));
  if (active) idle(() => void load());
  // Everyone else: the widget's code is fetched (not run) at idle, at low priority and never under
  // Save-Data, so that a shopper who loses the network after the page loaded (a lift, a tunnel)
  // can still open the form and write: what they send waits in IndexedDB.
  else if (!(navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) {
    idle(() => {
      for (const name of [...__SORI_PRELOAD__, __SORI_LOCALES__[locale]]) {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.fetchPriority = 'low';
        link.href = url(name);
        document.head.append(link);
      }
    });
  }
}

// `currentScript` is only there while the script first runs; read it before waiting for <body>.
const script = document.currentScript as HTMLScriptElement | null;
if (document.body) start(script);
else document.addEventListener('DOMContentLoaded', () => start(script));
