import { effect, signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { createKeybindingsHandler, type KeybindingsMap } from 'tinykeys';
import { hangulOf } from './hangul.js';

/**
 * The one registry of the console's actions. Screens register what they can do while they are on
 * screen; the key bindings, the `?` help and the ⌘K palette are all drawn from it, so a shortcut
 * cannot exist without being listed, nor be listed without working.
 */

/** Where an action applies; the help groups by it. */
export type ActionGroup = 'global' | 'list' | 'submission';

/** One thing a person can do, by key (optional) and from the palette. */
export interface Action {
  /** Stable id, e.g. `list.next`. */
  id: string;
  group: ActionGroup;
  /** What it does, in the console's language. */
  label: () => string;
  run: () => void;
  /**
   * A tinykeys binding: `j`, `Enter`, `Escape`, `$mod+k` (⌘K / Ctrl+K), `[Shift]+?`. Never a
   * key the browser owns (no Ctrl/⌘ + letter but K, no Alt + letter).
   */
  keys?: string;
  /** Also fires while the focus is in a text field (⌘K). @default false */
  inFields?: boolean;
  /** Offered in the ⌘K palette. @default true */
  inPalette?: boolean;
}

const registered = signal<readonly Action[]>([]);

/** Every action registered now, in registration order. */
export const actions = registered;

/** Adds actions; a later action with the same id replaces the earlier while it lives. Returns the removal. */
export function registerActions(list: readonly Action[]): () => void {
  registered.value = [...registered.peek(), ...list];
  return () => {
    registered.value = registered.peek().filter((action) => !list.includes(action));
  };
}

/** Registers `make()`'s actions while the calling component is mounted (again when `deps` change). */
export function useActions(make: () => readonly Action[], deps: readonly unknown[]): void {
  useEffect(() => registerActions(make()), deps);
}

/** The live set: one action per id, the latest registered winning. */
export function currentActions(): Action[] {
  const byId = new Map<string, Action>();
  for (const action of registered.value) {
    byId.delete(action.id);
    byId.set(action.id, action);
  }
  return [...byId.values()];
}

/** Whether a key event comes from a place that takes typing: single-letter shortcuts stay quiet there. */
export function isTyping(event: Event): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

function bindings(list: readonly Action[]): KeybindingsMap {
  const map: KeybindingsMap = {};
  for (const action of list) {
    if (!action.keys) continue;
    const handler = (event: KeyboardEvent) => {
      if (isTyping(event) && !action.inFields) return;
      event.preventDefault();
      action.run();
    };
    map[action.keys] = handler;
    const jamo = /^[a-z]$/.test(action.keys) ? hangulOf(action.keys) : undefined;
    if (jamo) map[jamo] = handler;
  }
  return map;
}

/** Listens for the registered keys on `target` until the returned stop is called. */
export function startShortcuts(target: Window | HTMLElement = window): () => void {
  let handler: EventListener | undefined;
  const listener = (event: Event) => handler?.(event);
  target.addEventListener('keydown', listener);
  const stopEffect = effect(() => {
    // Repeats and IME composition are not presses; fields are decided per action (inFields).
    handler = createKeybindingsHandler(bindings(currentActions()), { ignore: (event) => event.repeat || event.isComposing });
  });
  return () => {
    stopEffect();
    target.removeEventListener('keydown', listener);
  };
}

const isMac = typeof navigator === 'object' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How a binding is written for people: `$mod+k` → "⌘K" or "Ctrl+K", `[Shift]+?` → "?". */
export function displayKeys(keys: string): string {
  return keys
    .replace('$mod+', isMac ? '⌘' : 'Ctrl+')
    .replace('[Shift]+', '')
    .replace('Escape', 'Esc')
    .replace(/(^|\+|⌘)([a-z])$/, (_, before: string, letter: string) => before + (before ? letter.toUpperCase() : letter));
}
