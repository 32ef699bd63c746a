import type { BusinessHours } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, isOpen, isTimeZone, nextOpening } from '../../src/services/business-hours.js';

const weekdays = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from, to }]]));
const everyDay = (from: string, to: string) => Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ from, to }]]));

const seoul: BusinessHours = { timeZone: 'Asia/Seoul', weekly: weekdays('09:00', '18:00'), holidays: ['2026-12-25'] };

describe('business hours', () => {
  it('count plain minutes when a site has no hours (always open)', () => {
    const from = new Date('2026-12-05T23:00:00Z');
    expect(addBusinessMinutes(undefined, from, 90).toISOString()).toBe('2026-12-06T00:30:00.000Z');
    expect(businessMinutesBetween(undefined, from, new Date('2026-12-06T00:30:00Z'))).toBe(90);
    expect(isOpen(undefined, from)).toBe(true);
  });

  it('carry what is left of a target past closing, a holiday and a weekend to the next opening', () => {
    // Thursday 24 Dec 17:30 in Seoul: 30 minutes that day, Friday is a holiday, then the weekend.
    const from = new Date('2026-12-24T17:30:00+09:00');
    const due = addBusinessMinutes(seoul, from, 60);
    expect(due.toISOString()).toBe(new Date('2026-12-28T09:30:00+09:00').toISOString());
    expect(businessMinutesBetween(seoul, from, due)).toBe(60);
  });

  it('start the clock at the next opening for a submission sent while closed', () => {
    const saturday = new Date('2026-12-05T14:00:00+09:00');
    expect(isOpen(seoul, saturday)).toBe(false);
    expect(nextOpening(seoul, saturday).toISOString()).toBe(new Date('2026-12-07T09:00:00+09:00').toISOString());
    expect(addBusinessMinutes(seoul, saturday, 60).toISOString()).toBe(new Date('2026-12-07T10:00:00+09:00').toISOString());
    expect(businessMinutesBetween(seoul, saturday, new Date('2026-12-07T09:15:00+09:00'))).toBe(15);
  });

  it('keep opening hours on the local clock across the change to summer time', () => {
    // Berlin goes from UTC+1 to UTC+2 on Sunday 29 March 2026.
    const berlin: BusinessHours = { timeZone: 'Europe/Berlin', weekly: everyDay('09:00', '17:00'), holidays: [] };
    const saturday = new Date('2026-03-28T15:00:00Z'); // 16:00 CET
    // An hour on Saturday, then Sunday 09:00 CEST (07:00 UTC) plus an hour.
    expect(addBusinessMinutes(berlin, saturday, 120).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(nextOpening(berlin, new Date('2026-03-29T06:30:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('count the hour repeated when clocks go back', () => {
    // New York repeats 01:00–02:00 on Sunday 1 November 2026: 00:00–04:00 that day is five hours.
    const newYork: BusinessHours = { timeZone: 'America/New_York', weekly: { sun: [{ from: '00:00', to: '04:00' }] }, holidays: [] };
    expect(businessMinutesBetween(newYork, new Date('2026-10-31T12:00:00Z'), new Date('2026-11-02T12:00:00Z'))).toBe(300);
  });

  it('treat a 24:00 closing as the end of the day, and hours without any opening as always open', () => {
    const allDay: BusinessHours = { timeZone: 'UTC', weekly: { mon: [{ from: '00:00', to: '24:00' }] }, holidays: [] };
    expect(businessMinutesBetween(allDay, new Date('2026-12-06T00:00:00Z'), new Date('2026-12-09T00:00:00Z'))).toBe(24 * 60);
    const never: BusinessHours = { timeZone: 'UTC', weekly: {}, holidays: [] };
    expect(addBusinessMinutes(never, new Date('2026-12-06T00:00:00Z'), 30).toISOString()).toBe('2026-12-06T00:30:00.000Z');
  });

  it('know IANA time zones from made-up ones', () => {
    expect(isTimeZone('Asia/Seoul')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
