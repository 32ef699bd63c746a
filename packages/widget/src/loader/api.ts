import type { Item, SoriEvents, SubmitInput } from '@sori/sdk';
import type { Strings } from '../locales/en.js';

/** What `Sori.open()` may prefill. */
export interface OpenOptions {
  kind?: SubmitInput['kind'];
  message?: string;
  product?: string;
}

/** The page-facing API: `window.Sori.open()` and friends, and the app chunk's `mount()` result. */
export interface WidgetApi {
  /** Opens the panel, optionally prefilled. */
  open(options?: OpenOptions): void;
  /** Closes the panel. */
  close(): void;
  /** Sends an item without the panel (it still shows up in "My messages"). */
  submit(input: SubmitInput): Promise<Item>;
  /** This browser's items, newest first. */
  items(): Promise<Item[]>;
  /** Listens to `update`, `item` or `status`; returns the function that stops listening. */
  on<E extends keyof SoriEvents>(event: E, listener: (payload: SoriEvents[E]) => void): () => void;
  /** Who the shopper is, attached to following submissions. */
  identify(who: { email?: string; name?: string; customerId?: string }): void;
  /** Page, cart or order data attached to following submissions. */
  setContext(context: Record<string, string | number | boolean | null>): void;
}

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
export type Mount = (root: ShadowRoot, options: MountOptions) => WidgetApi;

/** A call made before the script loaded: `Sori('open', { kind: 'complaint' })` pushes its arguments. */
export type QueuedCall = ArrayLike<unknown>;

/** `window.Sori`: callable (queue form) and with methods. */
export type SoriGlobal = ((method: string, ...args: unknown[]) => unknown) & Partial<WidgetApi> & { q?: QueuedCall[]; loaded?: boolean };
