import type { Server } from 'node:http';

/** Serves the demo store's pages on their own origin with the Sori origin and site key filled in. */
export function serveStore(options: { port: number; host?: string; soriOrigin: string; siteKey: string }): Promise<Server>;
