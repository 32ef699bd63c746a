// Minifier settings shared by the browser bundles (the SDK and the widget).
/**
 * Terser settings for the browser bundles: safe transforms only (no `unsafe_*`, no
 * `pure_getters`), three passes, no comments.
 */
export const terserOptions = {
  module: true,
  ecma: 2020,
  compress: { passes: 3 },
  format: { comments: false },
};
