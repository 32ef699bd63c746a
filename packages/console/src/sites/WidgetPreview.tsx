import { useEffect, useRef } from 'preact/hooks';
import { THEME_KEYS, previewDocument } from './widget-look.js';

/** Props of {@link WidgetPreview}. */
export interface WidgetPreviewProps {
  siteKey: string;
  locale: string;
  theme: Readonly<Record<string, string>>;
  strings: Readonly<Record<string, string>>;
  /** The frame's accessible name. */
  title: string;
}

/**
 * The real widget (this server's `/sori.js`) in a frame, opened, with the edited colours and
 * strings. New strings load a fresh frame; new colours are set on the frame's page directly, so
 * dragging a colour picker does not reload it.
 */
export function WidgetPreview({ siteKey, locale, theme, strings, title }: WidgetPreviewProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const themeRef = useRef(theme);
  themeRef.current = theme;

  const paint = () => {
    const root = frame.current?.contentDocument?.documentElement;
    if (!root) return;
    for (const key of THEME_KEYS) {
      const value = themeRef.current[key];
      if (value) root.style.setProperty(`--sori-${key}`, value);
      else root.style.removeProperty(`--sori-${key}`);
    }
  };
  const open = () => {
    paint();
    // The widget's global is the page's own `Sori`; opening it shows the form as shoppers see it.
    const page = frame.current?.contentWindow as (Window & { Sori?: { open(): void } }) | null | undefined;
    page?.Sori?.open();
  };

  useEffect(paint, [theme]);

  const html = previewDocument({ scriptUrl: `${location.origin}/sori.js`, siteKey, locale, strings });
  return <iframe ref={frame} class="widget-preview" title={title} srcdoc={html} onLoad={open} />;
}
