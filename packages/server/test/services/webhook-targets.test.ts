import type { LookupAddress } from 'node:dns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookRefused, WebhookTargets } from '../../src/services/webhook-targets.js';
import { startHookReceiver } from '../helpers.js';

const post = { headers: { 'content-type': 'application/json' }, body: '{"event":"test"}', timeoutMs: 5000 };

describe('where webhooks may go', () => {
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  beforeEach(async () => {
    hooks = await startHookReceiver();
  });
  afterEach(() => hooks.close());

  /** A resolver that answers `answers` in turn (the last one again once they run out), counting its calls. */
  function resolver(...answers: string[][]) {
    const calls: string[] = [];
    const resolve = async (host: string): Promise<LookupAddress[]> => {
      calls.push(host);
      const answer = answers[Math.min(calls.length, answers.length) - 1] ?? [];
      return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { resolve, calls };
  }

  it('refuses a host that resolves to an internal address, and sends nothing', async () => {
    const port = new URL(hooks.url).port;
    const dns = resolver(['203.0.113.10', '10.0.0.7']);
    const targets = new WebhookTargets([], dns.resolve);
    const attempt = targets.post(`http://hooks.example:${port}/hook`, post);
    await expect(attempt).rejects.toBeInstanceOf(WebhookRefused);
    await expect(attempt).rejects.toThrow('refused: 10.0.0.7 (hooks.example) is a private address; allow the host with WEBHOOK_ALLOW_HOSTS');
    await expect(targets.post(hooks.url, post)).rejects.toThrow('refused: 127.0.0.1 is a loopback address; allow the host with WEBHOOK_ALLOW_HOSTS');
    expect(hooks.calls).toHaveLength(0);
  });

  it('connects to the addresses it resolved and checked, never asking DNS again: a rebind cannot swap them', async () => {
    const port = new URL(hooks.url).port;
    // Asked again, this name would point somewhere else.
    const dns = resolver(['127.0.0.1'], ['10.255.255.1']);
    const targets = new WebhookTargets(['Rebind.Example'], dns.resolve);
    expect(await targets.post(`http://rebind.example:${port}/hook`, post)).toBe(200);
    expect(dns.calls).toEqual(['rebind.example']);
    expect(hooks.calls.map((call) => call.body)).toEqual([post.body]);
  });

  it('refuses at creation only a URL whose host is an internal address written out', () => {
    const targets = new WebhookTargets(['10.0.0.5']);
    expect(targets.refusalOf('http://127.0.0.1:8080/hook')).toBe('refused: 127.0.0.1 is a loopback address; allow the host with WEBHOOK_ALLOW_HOSTS');
    expect(targets.refusalOf('http://[::ffff:169.254.169.254]/latest')).toBe('refused: 169.254.169.254 is the cloud metadata address; allow the host with WEBHOOK_ALLOW_HOSTS');
    expect(targets.refusalOf('http://2130706433/')).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(targets.refusalOf('http://10.0.0.5/hook')).toBeUndefined();
    expect(targets.refusalOf('https://hooks.example/sori')).toBeUndefined();
  });
});
