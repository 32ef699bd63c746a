import type { Plugin } from 'vite';

/** A Vite plugin that prints each built file's gzip -9 size and fails over the before-sign-in budget. */
export declare function printSizes(): Plugin;
