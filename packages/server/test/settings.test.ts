import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { optionsFromEnv, parseHostList, parseTrustProxy, SettingError } from '../src/settings.js';
import { freshStore } from './helpers.js';

describe('the settings from the environment', () => {
  it('takes TRUST_PROXY as a hop count or a list of proxy addresses, and refuses anything else with a sentence', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, ::1,loopback')).toEqual(['10.0.0.0/8', '::1', 'loopback']);
    for (const wrong of ['true', 'yes', '10.0.0.0/33', '10.0.0', 'proxy.internal', '1.5', '-1', '99']) {
      expect(() => parseTrustProxy(wrong), wrong).toThrow(SettingError);
    }
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY must be .*"true" is neither/);
  });

  it('takes WEBHOOK_ALLOW_HOSTS as host names or addresses, and CONNECTIONS_PER_ADDRESS as a count or "off"', () => {
    expect(parseHostList(' Hooks.Internal ,10.0.0.5,[::1]')).toEqual(['hooks.internal', '10.0.0.5', '::1']);
    expect(() => parseHostList('http://hooks.internal/x')).toThrow(/WEBHOOK_ALLOW_HOSTS .*"http:\/\/hooks.internal\/x"/);
    expect(optionsFromEnv({ CONNECTIONS_PER_ADDRESS: 'off' }).connectionsPerAddress).toBe(false);
    expect(optionsFromEnv({ CONNECTIONS_PER_ADDRESS: '200' }).connectionsPerAddress).toBe(200);
    expect(() => optionsFromEnv({ CONNECTIONS_PER_ADDRESS: 'lots' })).toThrow(/CONNECTIONS_PER_ADDRESS/);
  });
});

describe('behind a proxy', () => {
  /** The app as `server.ts` builds it from `env`, on a fresh database, with a route that says whom it sees. */
  async function appFrom(env: Record<string, string>) {
    const store = await freshStore('sqlite');
    const app = await buildApp({ ...optionsFromEnv(env), store, siteRateLimitPerMinute: false });
    app.get('/test/ip', async (request) => ({ ip: request.ip }));
    return { app, close: async () => (await app.close(), await store.close()) };
  }

  it('with TRUST_PROXY=1, a client that prepends its own X-Forwarded-For still runs into the per-address limit', { timeout: 60_000 }, async () => {
    const { app, close } = await appFrom({ TRUST_PROXY: '1' });
    try {
      // The proxy (10.0.0.1) appends the address it saw; whatever the client put before it is made up.
      const codes: number[] = [];
      for (let i = 0; i < 700; i++) {
        const fake = `198.51.100.${i % 250}, 192.0.2.${(i * 7) % 250}`;
        const res = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': `${fake}, 203.0.113.7` } });
        codes.push(res.statusCode);
      }
      expect(codes.filter((code) => code === 429).length).toBeGreaterThanOrEqual(100);
      // Another shopper behind the same proxy has a count of their own.
      const other = await app.inject({ method: 'GET', url: '/test/ip', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9, 203.0.113.8' } });
      expect(other.statusCode).toBe(200);
      expect(other.json()).toEqual({ ip: '203.0.113.8' });
    } finally {
      await close();
    }
  });

  it("with TRUST_PROXY listing the proxies, believes X-Forwarded-For from them only", async () => {
    const { app, close } = await appFrom({ TRUST_PROXY: '10.0.0.0/8' });
    try {
      const ipOf = async (remoteAddress: string, forwarded: string) =>
        (await app.inject({ method: 'GET', url: '/test/ip', remoteAddress, headers: { 'x-forwarded-for': forwarded } })).json().ip;
      expect(await ipOf('10.0.0.1', '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
      expect(await ipOf('10.0.0.1', '198.51.100.1, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
      expect(await ipOf('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    } finally {
      await close();
    }
  });
});
