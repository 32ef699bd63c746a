/**
 * What a page loads once it has something to send or to hear about: the sender and the reporter's
 * event stream, in one chunk (one request, one file's gzip overhead). A first-time shopper's page
 * needs both right after its first submission: the sender to deliver it, the stream to hear the
 * answer. Nothing imports this module but `lazy-sync.ts` and `lazy-stream.ts`, by `import()`.
 */
export { syncEngine } from './sync-engine.js';
export { UpdateStream } from './update-stream.js';
