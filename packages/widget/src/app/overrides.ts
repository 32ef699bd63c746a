import type { Strings } from '../locales/en.js';

/**
 * The locale's strings with a site owner's overrides (`data-strings`, JSON) over them. A group
 * (`kinds`, `statuses`, `help`) is merged key by key; a string with a number or time in it takes
 * `{}` where that goes: `{"unread": "{} unread"}`.
 */
export function withOverrides(strings: Strings, json: string | undefined): Strings {
  const out: Record<string, unknown> = { ...strings };
  try {
    for (const [key, value] of Object.entries(JSON.parse(json || '{}') as Record<string, unknown>)) {
      const base = out[key];
      out[key] = typeof base === 'function' ? (x: unknown) => String(value).replace('{}', String(x)) : typeof base === 'object' ? { ...base, ...(value as object) } : value;
    }
  } catch (error) {
    console.error(`[sori] data-strings: ${error}`);
  }
  // Each override took the shape of the string it replaces (text, group, or one-argument function).
  return out as Strings;
}
