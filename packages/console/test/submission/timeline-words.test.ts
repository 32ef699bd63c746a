import type { DeskEvent } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/i18n.js';
import { describe as sentence } from '../../src/submission/timeline-words.js';

const event = (overrides: Partial<DeskEvent>): DeskEvent => ({ id: 1, submissionId: 's-1', type: 'routing', at: new Date().toISOString(), author: 'system', public: false, status: 'received', ...overrides });

describe('Timeline words for what the site’s defaults did', () => {
  it('say a routing on arrival was automatic, and by which rule', () => {
    setLocale('en');
    expect(sentence(event({ data: { from: null, to: 'customer_service', automatic: true, rule: 'kind' } }))).toBe('Routed automatically to Customer service (the site’s rule for this kind)');
    expect(sentence(event({ data: { from: null, to: 'production', automatic: true, rule: 'product' } }))).toBe('Routed automatically to Production (the site’s rule for this product)');
    expect(sentence(event({ author: 'staff', actorName: 'Mina', data: { from: null, to: 'logistics' } }))).toBe('Mina routed it to Logistics');
    setLocale('ko');
    expect(sentence(event({ data: { from: null, to: 'customer_service', automatic: true, rule: 'kind' } }))).toBe('고객서비스(으)로 자동 배정됨(이 유형에 대한 사이트 규칙)');
    setLocale('en');
  });

  it('say a round-robin assignment was automatic', () => {
    setLocale('en');
    expect(sentence(event({ type: 'assignment', data: { from: null, to: 'u-x', toName: 'Kim', automatic: true, rule: 'round_robin' } }))).toBe('Assigned automatically to Kim, in turn');
  });
});
