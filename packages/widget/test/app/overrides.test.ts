import { describe, expect, it, vi } from 'vitest';
import { withOverrides } from '../../src/app/overrides.js';
import en from '../../src/locales/en.js';

describe('string overrides (data-strings)', () => {
  it('replace a string, one entry of a group, and a string with a number in it', () => {
    const t = withOverrides(en, JSON.stringify({ title: 'Ask the shop', kinds: { praise: 'Kudos' }, unread: '{} unread' }));
    expect(t.title).toBe('Ask the shop');
    expect(t.kinds).toEqual({ ...en.kinds, praise: 'Kudos' });
    expect(t.unread(3)).toBe('3 unread');
    expect(t.send).toBe(en.send);
  });

  it('say so on the console when the JSON is broken, and keep the defaults', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(withOverrides(en, '{title:')).toEqual(en);
    expect(error.mock.calls[0]?.[0]).toMatch(/data-strings: SyntaxError/);
    error.mockRestore();
  });
});
