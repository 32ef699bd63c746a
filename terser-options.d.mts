/** Terser settings shared by the SDK and widget builds. */
export declare const terserOptions: import('terser').MinifyOptions;
