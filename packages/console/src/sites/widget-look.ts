/** Theme colours a site owner sets; each is the widget's CSS custom property `--sori-<key>`. */
export const THEME_KEYS = ['accent', 'on-accent', 'surface', 'text', 'focus'] as const;
/** One of {@link THEME_KEYS}. */
export type ThemeKey = (typeof THEME_KEYS)[number];

/** The widget's own defaults (packages/widget styles), for the colour pickers to start from. */
export const THEME_DEFAULTS: Readonly<Record<ThemeKey, string>> = {
  accent: '#1f5eff',
  'on-accent': '#ffffff',
  surface: '#ffffff',
  text: '#1b1b1f',
  focus: '#ffbf47',
};

/** Widget strings a site owner may word their own way (keys of packages/widget/src/locales/en.ts). */
export const STRING_KEYS = ['title', 'newMessage', 'messageLabel', 'messagePlaceholder', 'send', 'thanks'] as const;
/** One of {@link STRING_KEYS}. */
export type StringKey = (typeof STRING_KEYS)[number];

/** The widget's English wording of {@link STRING_KEYS}, shown as placeholders. */
export const STRING_DEFAULTS: Readonly<Record<StringKey, string>> = {
  title: 'Talk to us',
  newMessage: 'New message',
  messageLabel: 'Your message',
  messagePlaceholder: 'Tell us what happened — one sentence is enough.',
  send: 'Send',
  thanks: 'Thank you — we have your message.',
};

/** Whether `value` is a colour the widget can use (`#rgb`, `#rrggbb`, `#rrggbbaa`). */
export const isColour = (value: string): boolean => /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value.trim());

/**
 * The preview frame's page: the real widget's script tag for the site, with the edited strings.
 * The frame is same-origin (srcdoc), so it runs under the console's CSP: the script comes from
 * this server (`script-src 'self'`), nothing is inline, and the colours are set through the
 * CSSOM by the console (see `WidgetPreview`).
 */
export function previewDocument(options: { scriptUrl: string; siteKey: string; locale: string; strings: Readonly<Record<string, string>> }): string {
  const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>Widget preview</title></head><body>' +
    `<script src="${attribute(options.scriptUrl)}" data-site="${attribute(options.siteKey)}" data-locale="${attribute(options.locale)}" data-strings="${attribute(JSON.stringify(options.strings))}"></script>` +
    '</body></html>'
  );
}
