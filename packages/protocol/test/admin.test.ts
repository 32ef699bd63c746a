import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { BusinessHours, SiteSettings, SiteUpdateInput } from '../src/index.js';

describe('the owner-side schemas', () => {
  it('take weekly hours by weekday and refuse unknown weekdays or bad clock times', () => {
    const hours = Compile(BusinessHours);
    expect(hours.Check({ timeZone: 'Asia/Seoul', weekly: { mon: [{ from: '09:00', to: '18:00' }] }, holidays: ['2026-12-25'] })).toBe(true);
    expect(hours.Check({ timeZone: 'UTC', weekly: { xyz: [] }, holidays: [] })).toBe(false);
    expect(hours.Check({ timeZone: 'UTC', weekly: { mon: [{ from: '9:00', to: '25:00' }] }, holidays: [] })).toBe(false);
  });

  it('let a site update put a setting back to its default with null, and refuse unknown settings', () => {
    const update = Compile(SiteUpdateInput);
    expect(update.Check({ settings: { slaMinutes: null } })).toBe(true);
    expect(update.Check({ settings: { bogus: 1 } })).toBe(false);
    expect(update.Check({})).toBe(false);
  });

  it('take routing defaults per kind only for known kinds', () => {
    const settings = Compile(SiteSettings);
    expect(settings.Check({ routing: { byKind: { complaint: 'customer_service' }, roundRobin: true } })).toBe(true);
    expect(settings.Check({ routing: { byKind: { rant: 'sales' } } })).toBe(false);
  });
});
