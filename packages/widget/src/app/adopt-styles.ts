/**
 * Adds `css` to the shadow root (or document) that `node` lives in, as a constructed stylesheet:
 * a page's strict CSP (no `'unsafe-inline'`) blocks `<style>` elements but not these. Each lazy
 * chunk brings its own styles and adds them when it first draws.
 */
export function adoptStyles(node: Node, css: string): void {
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot || root instanceof Document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
