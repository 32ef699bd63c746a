import { isIP } from 'node:net';
import { isAddressOrRange } from './addresses.js';
import type { AppOptions } from './app.js';
import type { TrustProxy } from './network-options.js';

/** An environment variable that is not what it must be: `server.ts` prints the message and stops. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

/** More proxies than this in front of one server is a typo, not a set-up. */
const MAX_HOPS = 10;

function list(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * `TRUST_PROXY`: unset (or `0`) trusts no proxy; a hop count (`1`, `2`) trusts that many proxies in
 * front; a comma-separated list trusts the proxies at those addresses or CIDRs. Never the whole
 * `X-Forwarded-For` chain: a client could then pick its own address.
 *
 * @example parseTrustProxy('10.0.0.0/8, ::1') // ['10.0.0.0/8', '::1']
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '') return false;
  if (/^\d+$/.test(text) && Number(text) <= MAX_HOPS) return Number(text) || false;
  const entries = list(text);
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (entries.length > 0 && wrong === undefined) return entries;
  throw new SettingError(
    `TRUST_PROXY must be how many proxies stand in front (1, 2) or a comma-separated list of their addresses or CIDRs ` +
      `(10.0.0.0/8, ::1, loopback); "${wrong ?? text}" is neither (and "true", trusting every hop, would let any client choose its address)`,
  );
}

/**
 * `WEBHOOK_ALLOW_HOSTS`: host names (or addresses) webhooks may call even though they resolve to a
 * loopback, private or link-local address, comma-separated.
 *
 * @example parseHostList('hooks.internal, 10.0.0.5') // ['hooks.internal', '10.0.0.5']
 */
export function parseHostList(value: string | undefined): string[] {
  const hosts = list(value ?? '').map((host) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
  const wrong = hosts.find((host) => !isIP(host) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(host));
  if (wrong !== undefined) {
    throw new SettingError(`WEBHOOK_ALLOW_HOSTS lists host names or addresses (hooks.internal, 10.0.0.5), without scheme, port or path; "${wrong}" is not one`);
  }
  return hosts;
}

/** `CONNECTIONS_PER_ADDRESS`: a positive whole number, or `off`. */
export function parseConnectionCap(value: string | undefined): number | false | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (text === 'off') return false;
  if (/^\d{1,6}$/.test(text) && Number(text) > 0) return Number(text);
  throw new SettingError(`CONNECTIONS_PER_ADDRESS must be how many connections one address may hold open (64) or "off", not "${text}"`);
}

/**
 * The app's options from the environment: `DATABASE_URL`, `TRUST_PROXY`, `SMTP_URL`, `MAIL_FROM`,
 * `WEBHOOK_ALLOW_HOSTS` and `CONNECTIONS_PER_ADDRESS`. Throws a {@link SettingError} naming the
 * variable when one is not what it must be.
 */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>>): AppOptions {
  const connectionsPerAddress = parseConnectionCap(env['CONNECTIONS_PER_ADDRESS']);
  return {
    databaseUrl: env['DATABASE_URL'] ?? 'sqlite:./data/sori.db',
    trustProxy: parseTrustProxy(env['TRUST_PROXY']),
    smtpUrl: env['SMTP_URL'],
    mailFrom: env['MAIL_FROM'],
    webhookAllowHosts: parseHostList(env['WEBHOOK_ALLOW_HOSTS']),
    ...(connectionsPerAddress !== undefined ? { connectionsPerAddress } : {}),
  };
}
