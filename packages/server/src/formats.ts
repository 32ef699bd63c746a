const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * The schemas' `date-time`: an RFC 3339 timestamp with a time zone that JavaScript can hold.
 * ajv-formats also takes a leap second (`2016-12-31T23:59:60Z`), which `Date` cannot: such a
 * value passed the schema and then failed in `toISOString()` as a 500. Now it is a 400 naming its
 * field, like any other bad date.
 *
 * @example isDateTime('2026-03-01T09:30:00+09:00') // true
 */
export function isDateTime(text: string): boolean {
  const match = RFC3339.exec(text);
  if (!match) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, , offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((group) => (group === undefined ? undefined : Number(group)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const inRange = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
  return inRange && offsetHours < 24 && offsetMinutes < 60 && Number.isFinite(Date.parse(text));
}
