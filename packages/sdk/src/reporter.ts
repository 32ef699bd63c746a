import type { Outbox } from './outbox.js';

/** 256 random bits as 64 lowercase hex digits, the shape the server expects of a reporter secret. */
function mint(): string {
  // `+ 256` then dropping the leading 1 gives each byte its two digits, leading zero included.
  return crypto.getRandomValues(new Uint8Array(32)).reduce((hex, byte) => hex + (byte + 256).toString(16).slice(1), '');
}

/**
 * The reporter secret: the anonymous identity under which the server keeps this browser's
 * submissions (it stores only a hash). Made on first use and kept in the outbox for good: a new one
 * would leave the shopper's earlier submissions and their answers behind on the server. So it is
 * read and, only when truly absent, made and stored in one transaction ({@link Outbox.claimMeta}):
 * a failed read never makes a new one over the old, and of two tabs opened at once on a fresh
 * browser the second adopts the first one's.
 */
export const reporterSecret = (outbox: Outbox): Promise<string> => outbox.claimMeta('reporter', mint);
