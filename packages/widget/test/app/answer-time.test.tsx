import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerBy } from '../../src/app/answer-time.js';
import en from '../../src/locales/en.js';
import ko from '../../src/locales/ko.js';
import { FakeSori } from '../fake-sori.js';
import { renderPanel } from '../helpers.js';

/** A time on this device's clock, as the server's ISO timestamp. */
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the expected answer time', () => {
  it('says tomorrow morning in the shopper’s words, English and Korean', () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 2, 21, 30), toFake: ['Date'] });
    expect(answerBy(local(2026, 12, 3, 10), 'en', en)).toBe('We answer by 10:00 tomorrow');
    expect(answerBy(local(2026, 12, 3, 10), 'ko', ko)).toBe('내일 10:00까지 답변드려요');
  });

  it('says today, a weekday within the week, and a date after that', () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 2, 9, 0), toFake: ['Date'] });
    expect(answerBy(local(2026, 12, 2, 13, 5), 'en', en)).toBe('We answer by 13:05 today');
    // 2026-12-07 is a Monday, five days on.
    expect(answerBy(local(2026, 12, 7, 9), 'en', en)).toBe('We answer by 09:00 Monday');
    expect(answerBy(local(2026, 12, 7, 9), 'ko', ko)).toBe('월요일 09:00까지 답변드려요');
    expect(answerBy(local(2026, 12, 20, 9), 'en', en)).toBe('We answer by 09:00 Dec 20');
  });

  it('shows on the form once a kind is picked, from the site’s expected answer per kind', async () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 2, 21, 30), toFake: ['Date'] });
    const sori = new FakeSori();
    sori.expectedBy = { complaint: local(2026, 12, 3, 10), inquiry: local(2026, 12, 3, 13) };
    renderPanel(sori);
    expect(screen.queryByText(/We answer by/)).toBeNull();
    fireEvent.click(await screen.findByRole('radio', { name: 'Complaint' }));
    expect(await screen.findByText('We answer by 10:00 tomorrow')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Question' }));
    expect(await screen.findByText('We answer by 13:00 tomorrow')).toBeTruthy();
  });
});
