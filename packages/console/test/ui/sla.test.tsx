import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { now } from '../../src/ui/clock.js';
import { slaOf } from '../../src/ui/sla.js';
import { SlaBadge } from '../../src/ui/SlaBadge.js';
import { isWebUrl, SafeLink } from '../../src/ui/SafeLink.js';
import { aSubmission } from '../fake-desk.js';

describe('The SLA badge', () => {
  it('goes from due to soon to late as the clock moves, without asking the server again', async () => {
    const start = Date.parse('2025-03-01T09:00:00.000Z');
    now.value = start;
    const submission = aSubmission({ expectedResponseBy: '2025-03-01T11:30:00.000Z' });
    render(<SlaBadge submission={submission} />);
    expect(screen.getByText('Due in 2 hr 30 min').className).toContain('sla--due');
    now.value = start + 2 * 3_600_000;
    expect((await screen.findByText('Due soon: 30 min left')).className).toContain('sla--soon');
    now.value = start + 3 * 3_600_000;
    expect((await screen.findByText('Late by 30 min')).className).toContain('sla--late');
  });

  it('says answered while the next word is the shopper’s, and nothing for resolved ones', () => {
    expect(slaOf(aSubmission({ awaiting: 'reporter', firstResponseAt: '2025-03-01T09:10:00.000Z' }), Date.now()).state).toBe('answered');
    expect(slaOf(aSubmission({ status: 'resolved' }), Date.now()).state).toBe('done');
  });
});

describe('Links from shopper data', () => {
  it('are links only for http(s), opened without a way back to the console', () => {
    expect(isWebUrl('https://shop.example/a')).toBe(true);
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'shop.example', ' javascript:alert(1)']) {
      expect(isWebUrl(url)).toBe(false);
    }
    render(<SafeLink url="java&#x09;script:alert(1)" />);
    expect(document.querySelector('a')).toBeNull();
  });
});
