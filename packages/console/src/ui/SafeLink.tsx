/** Whether `url` is an absolute http(s) URL: the only kind the console ever makes clickable. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A URL from shopper data (a page URL, a context value): a link only when it is http(s), opened
 * in a new tab that cannot reach back (`noopener noreferrer`); anything else (`javascript:`,
 * `data:`, a bare word) is shown as plain text.
 */
export function SafeLink({ url }: { url: string }) {
  if (!isWebUrl(url)) return <span class="safe-link safe-link--text">{url}</span>;
  return (
    <a class="safe-link" href={url} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  );
}
