import { describe, expect, it } from 'vitest';
import { compareFor, drillQuery, matches, queryOf } from '../../src/inbox/inbox-query.js';
import { aSubmission } from '../fake-desk.js';

describe('The inbox query', () => {
  it('puts the person’s filters on top of the view, and drops "open only" for a closed status', () => {
    expect(queryOf('mine', { kind: 'praise' }, 'oldest')).toEqual({ open: true, assignee: 'me', kind: 'praise', sort: 'oldest' });
    expect(queryOf('all', { status: 'closed', q: '' }, 'due')).toEqual({ spam: false, status: 'closed', sort: 'due' });
  });

  it('decides as the server would whether a changed submission belongs in the list', () => {
    const now = Date.now();
    const late = aSubmission({ expectedResponseBy: new Date(now - 60_000).toISOString() });
    expect(matches(late, queryOf('breached', {}, 'due'), 'u-mina', now)).toBe(true);
    expect(matches(late, queryOf('due_soon', {}, 'due'), 'u-mina', now)).toBe(false);
    expect(matches({ ...late, awaiting: 'reporter' }, queryOf('breached', {}, 'due'), 'u-mina', now)).toBe(false);
    expect(matches(aSubmission({ assigneeId: 'u-mina' }), queryOf('mine', {}, 'due'), 'u-mina', now)).toBe(true);
    expect(matches(aSubmission({ assigneeId: 'u-jun' }), queryOf('unassigned', {}, 'due'), 'u-mina', now)).toBe(false);
    expect(matches(aSubmission({ spamReason: 'honeypot' }), queryOf('all', {}, 'due'), 'u-mina', now)).toBe(false);
    expect(matches(aSubmission({ contact: { preference: 'phone' } }), queryOf('call_back', {}, 'due'), 'u-mina', now)).toBe(true);
    expect(matches(aSubmission(), queryOf('all', { q: 'lid' }, 'due'), 'u-mina', now)).toBe('unknown');
  });

  it('keeps the resolution clock apart: late or due soon to be resolved while open, whoever speaks next', () => {
    const now = Date.now();
    const overdue = aSubmission({ awaiting: 'reporter', resolutionDueBy: new Date(now - 60_000).toISOString() });
    const soon = aSubmission({ resolutionDueBy: new Date(now + 30 * 60_000).toISOString() });
    expect(matches(overdue, queryOf('all', { sla: 'resolution_breached' }, 'due'), 'u-mina', now)).toBe(true);
    expect(matches(overdue, queryOf('all', { sla: 'breached' }, 'due'), 'u-mina', now)).toBe(false);
    expect(matches(soon, queryOf('all', { sla: 'resolution_due_soon' }, 'due'), 'u-mina', now)).toBe(true);
    expect(matches(soon, queryOf('all', { sla: 'resolution_breached' }, 'due'), 'u-mina', now)).toBe(false);
    expect(matches({ ...overdue, status: 'resolved' }, queryOf('all', { sla: 'resolution_breached', status: 'resolved' }, 'due'), 'u-mina', now)).toBe(false);
    expect(matches(aSubmission(), queryOf('all', { sla: 'resolution_breached' }, 'due'), 'u-mina', now)).toBe(false);
  });

  it('sorts due first (owed an answer by deadline, waiting on the shopper after), oldest and newest by receipt', () => {
    const a = aSubmission({ expectedResponseBy: '2025-01-01T12:00:00Z', receivedAt: '2025-01-01T08:00:00Z' });
    const b = aSubmission({ expectedResponseBy: '2025-01-01T10:00:00Z', receivedAt: '2025-01-01T09:00:00Z' });
    const answered = aSubmission({ expectedResponseBy: '2025-01-01T09:00:00Z', awaiting: 'reporter', receivedAt: '2025-01-01T07:00:00Z' });
    expect([a, b, answered].sort(compareFor('due'))).toEqual([b, a, answered]);
    expect([a, b, answered].sort(compareFor('oldest'))).toEqual([answered, a, b]);
    expect([a, b, answered].sort(compareFor('newest'))).toEqual([b, a, answered]);
  });
});

describe('drillQuery', () => {
  it('takes a drill-down link from the analysis exactly, with no view or "open only"', () => {
    expect(drillQuery({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z', segment: 'resolved_late', score: '4', open: 'true' })).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
      segment: 'resolved_late',
      score: 4,
    });
    expect(drillQuery({ kind: 'complaint' })).toBeUndefined();
  });

  it('leaves live rows for the server to place while drilling down', () => {
    expect(matches(aSubmission(), { segment: 'unresolved' }, undefined, 0)).toBe('unknown');
  });
});
