import { randomBytes } from 'node:crypto';

/** Random bytes fetched from the system at once: one `randomBytes` call serves many ids. */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** `n` random bytes (n ≤ {@link POOL_SIZE}) from the pool, refilled when it runs low. */
function take(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
let lastMs = 0;
let counter = 0;

/**
 * A new id: a UUIDv7 (RFC 9562), so ids made later sort later and an index on them grows at its
 * end instead of touching a random page per insert. Within one millisecond a 12-bit counter
 * (starting at a random value) keeps them increasing; the other 62 bits are random.
 *
 * @example newId() // '0193a1c2-7e4f-7a3b-9c1d-5e6f7a8b9c0d'
 */
export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = (take(1)[0] ?? 0) & 0x7f; // start low in the 12 bits so a busy millisecond has room
  } else {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // More than 4,096 ids in one millisecond: borrow the next one, still in order.
      lastMs = ++ms;
      counter = 0;
    }
  }
  const random = take(8);
  const b = new Uint8Array(16);
  // 48-bit big-endian milliseconds; division keeps it exact past 2^32.
  const high = Math.floor(ms / 0x1_0000_0000);
  const low = ms >>> 0;
  b[0] = (high >>> 8) & 0xff;
  b[1] = high & 0xff;
  b[2] = (low >>> 24) & 0xff;
  b[3] = (low >>> 16) & 0xff;
  b[4] = (low >>> 8) & 0xff;
  b[5] = low & 0xff;
  b[6] = 0x70 | (counter >>> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((random[0] ?? 0) & 0x3f);
  for (let i = 1; i < 8; i++) b[8 + i] = random[i] ?? 0;
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += HEX[b[i] ?? 0];
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking number a shopper can read out on the phone: `SR-` and 8 Crockford base-32 characters. */
export function trackingNumber(): string {
  const bytes = take(8);
  let out = '';
  // 256 is a multiple of 32: every character is equally likely.
  for (let i = 0; i < 8; i++) out += CROCKFORD[(bytes[i] ?? 0) % 32];
  return `SR-${out.slice(0, 4)}-${out.slice(4)}`;
}
