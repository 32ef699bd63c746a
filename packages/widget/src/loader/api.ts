import type { Sori, SubmitInput } from '@sori/sdk';
import type { Strings } from '../locales/en.js';

/** What `Sori.open()` may prefill. */
export interface OpenOptions {
  kind?: SubmitInput['kind'];
  message?: string;
  product?: string;
}

/**
 * The SDK calls `window.Sori` forwards to the app chunk, loading it first: the JS API of
 * `@sori/sdk` but `on` (which answers its `off` at once, see `PanelCalls`), `off`, `syncState`
 * and `destroy`.
 */
export const FORWARDED = ['submit', 'submissions', 'submission', 'sendMessage', 'rate', 'resend', 'markRead', 'exportData', 'eraseData', 'identify', 'setContext', 'config', 'flush'] as const;

/** One of {@link FORWARDED}. */
export type Forwarded = (typeof FORWARDED)[number];

/** The panel's own calls. */
export interface PanelCalls {
  /** Opens the panel, optionally prefilled. */
  open(options?: OpenOptions): void;
  /** Closes the panel. */
  close(): void;
  /** Listens to `submission`, `event` or `sync`; returns the function that stops listening. */
  on: Sori['on'];
}

/** What the app chunk's `mount()` answers: the panel's calls and the SDK's. */
export type AppApi = PanelCalls & Pick<Sori, Forwarded>;

/**
 * The page-facing API, `window.Sori`: the panel's calls, and the SDK's (see {@link FORWARDED}),
 * each answering a promise, since the first call may have to load the app.
 */
export type WidgetApi = PanelCalls & { [K in Forwarded]: (...args: Parameters<Sori[K]>) => Promise<Awaited<ReturnType<Sori[K]>>> };

/** What the loader hands the app chunk. */
export interface MountOptions {
  site: string;
  endpoint: string;
  locale: 'en' | 'ko';
  /** The strings of `locale`, loaded beside the app chunk. */
  strings: Strings;
  /** The site owner's string overrides: the script tag's `data-strings` (JSON), if any. */
  overrides?: string | undefined;
  /** The launcher button, to give focus back to when the panel closes. */
  launcher: HTMLElement;
}

/** The app chunk's one export. */
export type Mount = (root: ShadowRoot, options: MountOptions) => AppApi;

/** A call made before the script loaded: `Sori('open', { kind: 'complaint' })` pushes its arguments. */
export type QueuedCall = ArrayLike<unknown>;

/** `window.Sori`: callable (queue form) and with methods. */
export type SoriGlobal = ((method: string, ...args: unknown[]) => unknown) & Partial<WidgetApi> & { q?: QueuedCall[]; loaded?: boolean };
