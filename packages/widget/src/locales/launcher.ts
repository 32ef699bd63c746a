/** The launcher's label: the only string the always-loaded loader carries, so it lives here, not in en/ko. */
export const LAUNCHER_LABEL = { en: 'Feedback', ko: '의견 보내기' } as const;
export type Locale = keyof typeof LAUNCHER_LABEL;

/** The widget's language: `data-locale`, else the browser's, else English. */
export function pickLocale(requested: string | null | undefined, browser: string | undefined): Locale {
  const tag = (requested || browser || 'en').toLowerCase();
  return tag.startsWith('ko') ? 'ko' : 'en';
}
