import { describe, expect, it, vi } from 'vitest';
import type { WidgetApi } from '../../src/loader/api.js';
import { dispatch, replay } from '../../src/loader/queue.js';
import { pickLocale } from '../../src/locales/launcher.js';

function api(calls: string[]): WidgetApi {
  const record = (name: string) => async (...args: unknown[]) => void calls.push(`${name}(${JSON.stringify(args)})`);
  const unused = async (): Promise<never> => {
    throw new Error('unused');
  };
  return {
    open: record('open'),
    close: record('close'),
    on: () => () => undefined,
    identify: record('identify'),
    setContext: record('setContext'),
    submit: unused,
    submissions: unused,
    submission: unused,
    sendMessage: unused,
    rate: unused,
    resend: unused,
    markRead: unused,
    exportData: unused,
    eraseData: unused,
    config: unused,
    flush: unused,
  };
}

describe('the loader queue', () => {
  it('replays calls made before the script loaded, in order', () => {
    const calls: string[] = [];
    // What the snippet pushes: the `arguments` of each early call.
    const queued = [['identify', { email: 'a@b.co' }], ['open', { kind: 'complaint' }]];
    replay(queued, api(calls));
    expect(calls).toEqual(['identify([{"email":"a@b.co"}])', 'open([{"kind":"complaint"}])']);
  });

  it('names an unknown method instead of failing silently', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    dispatch(api([]), 'opne', []);
    expect(error.mock.calls[0]?.[0]).toContain("Sori('opne') is not a method");
    error.mockRestore();
  });

  it('picks Korean for ko browsers and English otherwise, data-locale first', () => {
    expect(pickLocale(null, 'ko-KR')).toBe('ko');
    expect(pickLocale('en', 'ko-KR')).toBe('en');
    expect(pickLocale(undefined, 'fr-FR')).toBe('en');
  });
});
