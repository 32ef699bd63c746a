/** The launcher's label: the always-loaded loader carries its few strings, so they live here, not in en/ko. */
export const LAUNCHER_LABEL = { en: 'Feedback', ko: '의견 보내기' } as const;

/** Said beside the launcher while the widget cannot load its code. */
export const LAUNCHER_OFFLINE = {
  en: "You're offline: the form opens as soon as you're back online.",
  ko: '오프라인입니다. 연결되면 바로 열립니다.',
} as const;
export type Locale = keyof typeof LAUNCHER_LABEL;

/** The widget's language: `data-locale`, else the browser's, else English. */
export function pickLocale(requested: string | null | undefined, browser: string | undefined): Locale {
  const tag = (requested || browser || 'en').toLowerCase();
  return tag.startsWith('ko') ? 'ko' : 'en';
}
