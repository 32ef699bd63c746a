import { request } from 'node:http';
import { PATHS, type Receipt, type SubmissionBatchResult, type SubmissionResult } from '@sori/protocol';
import { STORE_ORIGIN } from '../helpers.js';

/**
 * What the resilience suites share: seeded randomness (so a failing run can be replayed from the
 * seed it prints), an HTTP POST that calls a cut answer what it is, and the SDK's delivery rule —
 * a batch is sent again, unchanged, until an answer arrives.
 */

/** A seeded pseudo-random source in [0, 1) (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version 4 UUID drawn from `random`, so the client ids of a seeded run are the same every time. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A reporter secret drawn from `random`. */
export function seededSecret(random: () => number): string {
  return Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');
}

/** An HTTP answer read to its end. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of {@link postJson}. */
export interface PostOptions {
  /** The local address to connect from (any 127.x.y.z): each client its own, as browsers are. */
  localAddress?: string;
  /** @default 30000 */
  timeoutMs?: number;
}

/**
 * POSTs JSON on a connection of its own. Rejects on any socket error, on a timeout, and on an
 * answer cut short (fewer body bytes than announced): a client cannot tell those from no answer.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string>, options: PostOptions = {}): Promise<HttpAnswer> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) return reject(new Error('the answer was cut short'));
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** One batch of a reporter's outbox. */
export interface Batch {
  secret: string;
  submissions: Array<Record<string, unknown> & { clientId: string }>;
}

/** Headers of a shopper's batch, as the SDK sends them. */
export function batchHeaders(siteKey: string, secret: string): Record<string, string> {
  return { origin: STORE_ORIGIN, 'x-sori-site': siteKey, 'x-sori-reporter': secret };
}

/** Sends `batch` once to `base`; answers its results, or `undefined` when no usable answer came. */
export async function sendOnce(base: string, siteKey: string, batch: Batch, options: PostOptions = {}): Promise<SubmissionResult[] | undefined> {
  try {
    const answer = await postJson(`${base}${PATHS.submissions}`, { submissions: batch.submissions }, batchHeaders(siteKey, batch.secret), options);
    if (answer.status !== 200) return undefined;
    return (JSON.parse(answer.body) as SubmissionBatchResult).results;
  } catch {
    return undefined;
  }
}

/** Options of {@link sendUntilAnswered}. */
export interface DeliveryOptions extends PostOptions {
  /** Where to send: a function, so that a restarted server's new address is picked up. */
  base: () => string;
  siteKey: string;
  /** @default 60 */
  maxTries?: number;
  /** Jitter source for the pause between tries. */
  random: () => number;
}

/**
 * The SDK's rule: send the same batch (same client ids, same bodies) again until it is answered,
 * pausing a little longer each time. Throws when `maxTries` pass without an answer, so no run
 * can spin forever.
 */
export async function sendUntilAnswered(batch: Batch, options: DeliveryOptions): Promise<{ results: SubmissionResult[]; tries: number }> {
  const maxTries = options.maxTries ?? 60;
  for (let tries = 1; tries <= maxTries; tries++) {
    const results = await sendOnce(options.base(), options.siteKey, batch, options);
    if (results) return { results, tries };
    const pause = Math.min(1000, 10 * 2 ** Math.min(tries, 6)) * (0.5 + options.random());
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  throw new Error(`batch of ${batch.submissions[0]?.clientId} was not answered in ${maxTries} tries`);
}

/** The receipt of an `accepted` or `duplicate` result; throws on `rejected`, which a valid submission never is. */
export function receiptOf(result: SubmissionResult): Receipt {
  if (result.result === 'rejected') throw new Error(`${result.clientId} was rejected: ${JSON.stringify(result.error)}`);
  return result.receipt;
}
