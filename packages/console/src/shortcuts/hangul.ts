/**
 * The key a Latin letter gives on the Korean 2-set (두벌식) layout. With the Korean input mode on,
 * `KeyboardEvent.key` is the jamo ("ㅓ" for J), so every single-letter shortcut also listens for
 * its jamo: Korean staff need not switch layouts to use the keyboard.
 */
const DUBEOLSIK: Readonly<Record<string, string>> = {
  q: 'ㅂ', w: 'ㅈ', e: 'ㄷ', r: 'ㄱ', t: 'ㅅ', y: 'ㅛ', u: 'ㅕ', i: 'ㅑ', o: 'ㅐ', p: 'ㅔ',
  a: 'ㅁ', s: 'ㄴ', d: 'ㅇ', f: 'ㄹ', g: 'ㅎ', h: 'ㅗ', j: 'ㅓ', k: 'ㅏ', l: 'ㅣ',
  z: 'ㅋ', x: 'ㅌ', c: 'ㅊ', v: 'ㅍ', b: 'ㅠ', n: 'ㅜ', m: 'ㅡ',
};

/** The 2-set jamo of a single lowercase letter, or `undefined`. */
export const hangulOf = (letter: string): string | undefined => DUBEOLSIK[letter];
