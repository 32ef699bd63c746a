// Minifier settings shared by the browser bundles (the SDK and the widget).
/**
 * Terser settings for the browser bundles. Terser with three passes packs the SDK and the widget
 * about 3 % tighter (gzip) than esbuild's minifier; the budgets are counted in those bytes.
 * `unsafe_arrows` turns `function` expressions that never use `this` into arrows; the bundles are
 * ES2020 and later, where arrows exist.
 */
export const terserOptions = {
  module: true,
  ecma: 2020,
  compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true },
  format: { comments: false },
};
