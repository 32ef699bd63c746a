import fc from 'fast-check';

/**
 * The pieces the fuzz suite builds requests from: values that have broken servers before
 * (non-finite and huge numbers, leap seconds, `__proto__`, NUL, lone surrogates, bad
 * percent-encoding, megabyte strings), and JSON written by hand so that such numbers survive.
 */

/** Text put in a JSON body as it is, e.g. `1e400`, which `JSON.stringify` cannot write. */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON text of `value`, with every {@link Raw} written as it is and own `__proto__` keys kept. */
export function toJsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An object with an own property named `__proto__` (a literal `{ __proto__: … }` would set the prototype instead). */
export const protoKeyed = (value: unknown): object => Object.fromEntries([['__proto__', value]]);

/** Strings that have tripped parsers, databases and date code. */
export const NASTY_TEXT = [
  '',
  ' ',
  '0',
  '-0',
  '1e400',
  '-1e400',
  '1e-400',
  'Infinity',
  '-Infinity',
  'NaN',
  '0x1F',
  '1.5',
  '-1',
  '9007199254740993',
  '99999999999999999999999999',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '2016-12-31T23:59:60Z',
  '2024-02-30T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2024-01-01',
  '2024-01-01T00:00:00+25:00',
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  '\udfff lone',
  '\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629',
  '💥🧨'.repeat(20),
  'Ａ'.repeat(200),
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%',
  '%%',
  '%00',
  '%E0%A4%A',
  '%C0%AF',
  '../../etc/passwd',
  'a/b',
  'x'.repeat(201),
  'x'.repeat(5001),
  'x'.repeat(70_000),
] as const;

/** Any string, leaning on {@link NASTY_TEXT}. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
);

/**
 * Text a schema without a pattern takes, with what has broken storage before: NUL (PostgreSQL
 * text cannot hold it), lone surrogates, right-to-left marks, emoji, SQL and HTML.
 */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'nul\u0000byte',
      '\u0000',
      '\ud800',
      'lone \udfff',
      '\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629',
      '💥🧨',
      'Ａ'.repeat(90),
      '__proto__',
      'constructor',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '%',
      '%00',
      '%E0%A4%A',
      '\\',
      'x'.repeat(99),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }) },
);

/** `valid` most of the time, now and then `wrong` (anything at all, unless said). */
export function sometimes<T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown> = anyJson): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: wrong });
}

/** Numbers JSON can carry that JavaScript cannot hold (as {@link Raw} text), and ones that are merely awkward. */
export const anyNumber: fc.Arbitrary<number | Raw> = fc.oneof(
  fc.constantFrom<number | Raw>(new Raw('1e400'), new Raw('-1e400'), new Raw('-0'), new Raw('1e-400'), new Raw('123456789012345678901234567890'), new Raw('9007199254740993')),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 2, 5, 6, 500, 501, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 0.5),
);

/** Object keys Fastify's JSON parser lets through (it refuses `__proto__` and `constructor.prototype`). */
export const plainKey: fc.Arbitrary<string> = anyText.filter((key) => key !== '__proto__' && key !== 'constructor');

/** Any JSON value, with nasty strings, numbers and keys in it. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: anyText },
    { weight: 4, arbitrary: anyNumber },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(plainKey, tie('value'), { maxKeys: 4 }) },
    // Fastify's JSON parser refuses these keys outright, so they are rare: each kills its whole body.
    { weight: 1, arbitrary: fc.oneof(tie('value').map(protoKeyed), fc.constant({ constructor: { prototype: { isAdmin: true } } })) },
  ),
})).value;

/** `base` with one field replaced by anything, removed, or joined by an unknown one — or left valid. */
export function mutated(base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: base },
    { weight: 2, arbitrary: fc.tuple(base, fc.nat(), anyText, anyJson, fc.constantFrom('replace', 'delete', 'add')).map(([object, index, name, value, how]) => {
      const keys = Object.keys(object);
      const key = how === 'add' || keys.length === 0 ? name : keys[index % keys.length]!;
      const copy: Record<string, unknown> = { ...object };
      if (how === 'delete') delete copy[key];
      else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
      return copy;
    }) },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A request body as it goes on the wire: text or bytes, and the content type it claims. */
export interface Body {
  payload: string | Buffer;
  contentType: string | undefined;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  'garbage',
  '',
];

/** A body: mostly the given JSON as JSON, sometimes broken, oversized, mislabelled or empty. */
export function anyBody(json: fc.Arbitrary<unknown>): fc.Arbitrary<Body | undefined> {
  const asJson = (contentType: string) => json.map((value): Body => ({ payload: toJsonText(value), contentType }));
  return fc.oneof(
    { weight: 16, arbitrary: asJson('application/json') },
    { weight: 2, arbitrary: fc.tuple(json, fc.constantFrom(...CONTENT_TYPES)).map(([value, contentType]): Body => ({ payload: toJsonText(value), contentType })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Body>(
        { payload: '', contentType: 'application/json' },
        { payload: '{', contentType: 'application/json' },
        { payload: '{"a":', contentType: 'application/json' },
        { payload: 'null', contentType: 'application/json' },
        { payload: '"text"', contentType: 'application/json' },
        { payload: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
        { payload: '{"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'text/plain' },
        { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
        { payload: `{"submissions":[${'{},'.repeat(20_000)}{}]}`, contentType: 'application/json' },
        { payload: `"${'x'.repeat(300 * 1024)}"`, contentType: 'application/json' },
        { payload: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3]), contentType: 'application/json' },
        { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** One query entry: its key and value, and whether they go in percent-encoded or as they are. */
export type QueryEntry = [key: string, value: string, raw: boolean];

/** Query entries: the route's own keys with any values, and keys nobody expects. */
export function anyQuery(keys: readonly string[], values: fc.Arbitrary<string> = anyText): fc.Arbitrary<QueryEntry[]> {
  const key = fc.oneof({ weight: 4, arbitrary: keys.length ? fc.constantFrom(...keys) : anyText }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'x[y]', 'limit[]', '') }, { weight: 1, arbitrary: anyText });
  return fc.array(fc.tuple(key, values, fc.nat(4).map((n) => n === 0)).map(([k, v, raw]): QueryEntry => [k, v, raw]), { maxLength: 5 });
}

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) goes in as the bytes of its
 * WTF-8 form, `%ED%A0%80` for U+D800: percent-encoding that decodes to no valid UTF-8.
 */
export function encode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) out += `%ED%${(0xa0 | ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

/** The query string of `entries`, `?` included when there are any. */
export function queryString(entries: QueryEntry[]): string {
  if (entries.length === 0) return '';
  return `?${entries.map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encode(k)}=${encode(v)}`)).join('&')}`;
}

/** A path segment: a known id, a random one, or anything, encoded or not. */
export function anySegment(known: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: known },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: anyText.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '%zz', '..', '%2F..%2F', 'a%00b', 'x'.repeat(101), 'x'.repeat(5000)) },
  );
}
