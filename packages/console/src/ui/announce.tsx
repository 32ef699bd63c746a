import { signal } from '@preact/signals';

/** The latest message for screen readers and the short toast line: "Reply sent", "3 new submissions". */
export const announcement = signal<{ text: string; at: number } | undefined>(undefined);

let timer: ReturnType<typeof setTimeout> | undefined;

/** Says `text` politely (a live region) and shows it for a few seconds. */
export function announce(text: string): void {
  announcement.value = { text, at: Date.now() };
  clearTimeout(timer);
  timer = setTimeout(() => (announcement.value = undefined), 5000);
}

/** The one polite live region of the page; mounted once by the shell. */
export function Announcer() {
  const current = announcement.value;
  return (
    <div role="status" aria-live="polite" class={current ? 'toast' : 'visually-hidden'}>
      {current?.text ?? ''}
    </div>
  );
}
