/** Workspace package names mapped to their source entry points. */
export declare const alias: Array<{ find: RegExp; replacement: string }>;
/** Terser settings shared by the SDK and widget builds. */
export declare const terserOptions: import('terser').MinifyOptions;
