import { describe, expect, it } from 'vitest';
import { addressMatcher, internalKind } from '../src/addresses.js';

describe('addresses', () => {
  it('tells loopback, private, link-local, CGNAT, unspecified, multicast and metadata addresses from public ones, IPv4 inside IPv6 too', () => {
    const kinds = {
      '127.0.0.1': 'a loopback address',
      '::1': 'a loopback address',
      '::ffff:127.0.0.1': 'a loopback address',
      '[::ffff:7f00:1]': 'a loopback address',
      '10.1.2.3': 'a private address',
      '172.16.0.1': 'a private address',
      '172.31.255.255': 'a private address',
      '192.168.0.10': 'a private address',
      'fd12:3456::1': 'a private address',
      '169.254.169.254': 'the cloud metadata address',
      '169.254.10.1': 'a link-local address',
      'fe80::1': 'a link-local address',
      '100.64.0.1': 'a shared (CGNAT) address',
      '0.0.0.0': 'an unspecified ("this network") address',
      '::': 'an unspecified ("this network") address',
      '224.0.0.251': 'a multicast address',
      'ff02::1': 'a multicast address',
      '64:ff9b::a00:1': 'a private address',
    };
    for (const [address, kind] of Object.entries(kinds)) expect(internalKind(address), address).toBe(kind);
    for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', 'hooks.example']) expect(internalKind(address), address).toBeUndefined();
  });

  it('matches addresses against CIDRs and proxy-addr names, IPv4-mapped ones too', () => {
    const proxies = addressMatcher(['10.0.0.0/8', 'loopback']);
    expect(['10.9.8.7', '::ffff:10.9.8.7', '127.0.0.1', '::1'].map(proxies)).toEqual([true, true, true, true]);
    expect(['11.0.0.1', '203.0.113.7', 'not an address'].map(proxies)).toEqual([false, false, false]);
  });
});
