/** Optional fields whose value may be absent, as `exactOptionalPropertyTypes` wants them written. */
type Present<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * Leaves out absent values (`undefined`, an empty string, an empty object), so that optional fields
 * are omitted rather than stored or sent as `undefined` or `""` (the server refuses an empty
 * string where it wants text or nothing).
 *
 * @example
 * present({ email: '', name: 'Mina', context: {} }); // { name: 'Mina' }
 */
export function present<T extends object>(fields: T): Present<T> {
  // Filtering entries loses the key types; the filter is exactly what `Present` describes.
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '' && JSON.stringify(v) !== '{}')) as Present<T>;
}
