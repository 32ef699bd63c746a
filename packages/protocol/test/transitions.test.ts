import { describe, expect, it } from 'vitest';
import { STATUSES, TRANSITIONS, canTransition, publicStatusOf } from '@sori/protocol';

describe('lifecycle', () => {
  it('lets every status be closed except closed itself', () => {
    for (const s of STATUSES) expect(canTransition(s, 'closed')).toBe(s !== 'closed');
  });

  it('reopens only from resolved or closed', () => {
    const from = STATUSES.filter((s) => canTransition(s, 'reopened'));
    expect(from.sort()).toEqual(['closed', 'resolved']);
  });

  it('names only known statuses as targets', () => {
    for (const targets of Object.values(TRANSITIONS)) for (const t of targets) expect(STATUSES).toContain(t);
  });

  it('shows staff work as "in review" and a staff answer awaiting the shopper as "answered"', () => {
    expect(publicStatusOf('received')).toBe('received');
    expect(publicStatusOf('assigned')).toBe('in_review');
    expect(publicStatusOf('in_progress', 'reporter')).toBe('answered');
    expect(publicStatusOf('closed', 'reporter')).toBe('closed');
    expect(publicStatusOf('resolved')).toBe('resolved');
  });
});
