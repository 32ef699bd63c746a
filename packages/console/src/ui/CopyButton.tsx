import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';

/** Copies `text` to the clipboard and says so; where the clipboard is refused, says to copy by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState<string | undefined>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t().admin.copied);
    } catch {
      setSaid(t().admin.copyByHand);
    }
  }
  return (
    <span class="copy">
      <button type="button" class="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" class="muted">
        {said ?? ''}
      </span>
    </span>
  );
}
