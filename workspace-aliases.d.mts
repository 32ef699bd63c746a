/** Workspace package names mapped to their source entry points. */
export declare const alias: Array<{ find: RegExp; replacement: string }>;
