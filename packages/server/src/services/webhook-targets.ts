import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { internalKind, plainAddress } from '../addresses.js';

/** Resolves a host name to every address it has (`dns.lookup` with `all: true`). */
export type Resolve = (host: string) => Promise<LookupAddress[]>;

const resolveWithDns: Resolve = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** A webhook call Sori will not make, whatever the retries: its host is internal and not allowed. */
export class WebhookRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRefused';
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

const notAUrl = (url: string) => `refused: "${url}" is not a URL`;

function hostOf(url: URL): string {
  return plainAddress(url.hostname).toLowerCase().replace(/\.$/, '');
}

function refusal(address: string, host: string, kind: string): string {
  const what = address === host ? address : `${address} (${host})`;
  return `refused: ${what} is ${kind}; allow the host with WEBHOOK_ALLOW_HOSTS`;
}

/** The `lookup` of a connection that may only go to addresses already checked: a DNS rebind cannot swap them. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
  };
}

/** What one webhook call sends, and how long it may take. */
export interface WebhookPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * Where webhooks may go. Not to the server's own loopback or network (private, link-local, CGNAT,
 * unspecified, multicast, the cloud metadata address) unless the operator named the host in
 * `WEBHOOK_ALLOW_HOSTS`: checked once when a webhook is added (a literal address) and again at
 * each delivery after resolving its name, and the call then connects only to the addresses that
 * were checked.
 */
export class WebhookTargets {
  private readonly allowHosts: ReadonlySet<string>;

  constructor(
    allowHosts: readonly string[] = [],
    private readonly resolve: Resolve = resolveWithDns,
  ) {
    this.allowHosts = new Set(allowHosts.map((host) => plainAddress(host).toLowerCase().replace(/\.$/, '')));
  }

  /** Why a webhook URL is refused when it is added (its host an internal address written out), or `undefined`. */
  refusalOf(url: string): string | undefined {
    const parsed = parse(url);
    if (!parsed) return notAUrl(url);
    const host = hostOf(parsed);
    if (!isIP(host) || this.allowHosts.has(host)) return undefined;
    const kind = internalKind(host);
    return kind && refusal(host, host, kind);
  }

  /** Posts to a webhook: resolves its host, refuses an internal address ({@link WebhookRefused}), and answers the status. */
  async post(url: string, post: WebhookPost): Promise<number> {
    const target = parse(url);
    if (!target) throw new WebhookRefused(notAUrl(url));
    const host = hostOf(target);
    const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await this.resolve(host);
    if (!this.allowHosts.has(host)) {
      for (const { address } of addresses) {
        const kind = internalKind(address);
        if (kind) throw new WebhookRefused(refusal(address, host, kind));
      }
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const call = request(target, {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: pinnedLookup(addresses),
        // One connection per call: a pooled socket would outlive the check it was made under.
        agent: false,
        signal: AbortSignal.timeout(post.timeoutMs),
      });
      call.on('response', (response) => {
        // What the receiver says is not read; its status is the answer.
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      call.on('error', reject);
      call.end(post.body);
    });
  }
}
