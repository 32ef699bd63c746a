import { describe, expect, it } from 'vitest';
import { checkHours, checkSpans, isTimeZone, laterBy, readOrigin, readPastedList, scriptTag } from '../../src/sites/site-form.js';

describe('the site form’s own checks', () => {
  it('reads an origin as browsers send it, and says why something is not one', () => {
    expect(readOrigin(' https://Shop.Example.com/ ', [])).toEqual({ origin: 'https://shop.example.com' });
    expect(readOrigin('http://localhost:5173', [])).toEqual({ origin: 'http://localhost:5173' });
    expect(readOrigin('', [])).toEqual({ problem: 'originEmpty' });
    expect(readOrigin('shop.example.com', [])).toEqual({ problem: 'originNotUrl' });
    expect(readOrigin('ftp://shop.example.com', [])).toEqual({ problem: 'originScheme' });
    expect(readOrigin('https://shop.example.com/cart?x=1', [])).toEqual({ problem: 'originPath' });
    expect(readOrigin('https://shop.example.com', ['https://shop.example.com'])).toEqual({ problem: 'originDuplicate' });
  });

  it('reads a pasted list one per line or comma, without blanks or repeats', () => {
    expect(readPastedList('Jar 2 L\n\n  Lid , Jar 2 L\r\nSpoon\tBowl', ['Spoon'])).toEqual(['Jar 2 L', 'Lid', 'Bowl']);
  });

  it('checks a day’s hours and the time zone', () => {
    expect(checkHours('09:00', '18:00')).toBeUndefined();
    expect(checkHours('18:00', '09:00')).toBe('hoursOrder');
    expect(checkHours('9', '18:00')).toBe('hoursFormat');
    // A lunch break: two spans, in either order; overlapping ones are refused.
    expect(checkSpans([{ from: '13:00', to: '18:00' }, { from: '09:00', to: '12:00' }])).toBeUndefined();
    expect(checkSpans([{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }])).toBe('hoursOverlap');
    expect(checkSpans([{ from: '09:00', to: '12:00' }, { from: '18:00', to: '13:00' }])).toBe('hoursOrder');
    expect([laterBy('12:00', 60), laterBy('22:30', 240)]).toEqual(['13:00', '23:59']);
    expect(isTimeZone('Asia/Seoul')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('writes the exact script tag with the key and this server', () => {
    expect(scriptTag('https://sori.example.com/', 'pk_abc')).toBe('<script async src="https://sori.example.com/sori.js" data-site="pk_abc"></script>');
    expect(scriptTag('https://sori.example.com', 'pk_abc', 'ko')).toBe('<script async src="https://sori.example.com/sori.js" data-site="pk_abc" data-locale="ko"></script>');
  });
});
