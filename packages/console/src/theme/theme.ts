import { effect, signal } from '@preact/signals';
import { storage } from '../ui/storage.js';

/** The console's colours: the system's (`prefers-color-scheme`) unless the person picked one. */
export type Theme = 'system' | 'light' | 'dark';

const KEY = 'sori.console.theme';
const kept = storage.get<string>(KEY);

/** See {@link Theme}; kept across visits. */
export const theme = signal<Theme>(kept === 'light' || kept === 'dark' ? kept : 'system');

/** Picks the colours and keeps the choice. */
export function setTheme(next: Theme): void {
  theme.value = next;
  storage.set(KEY, next === 'system' ? undefined : next);
}

// `data-theme` on <html> overrides the media query in tokens.css; none follows the system.
effect(() => {
  const root = document.documentElement;
  if (theme.value === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme.value;
});
