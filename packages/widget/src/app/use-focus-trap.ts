import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** What can take focus in the dialog: buttons, summaries and named form fields. */
const FOCUSABLE = 'button,summary,[name]';

/**
 * While the dialog is shown: Escape closes it from anywhere, also when focus fell to the page after
 * a view changed; Tab and Shift+Tab go round inside it (`aria-modal` promises that the page behind
 * is out of reach).
 */
export function useFocusTrap(dialog: RefObject<HTMLElement>, onClose: () => void): void {
  useEffect(() => {
    const key = (e: KeyboardEvent): void => {
      const element = dialog.current;
      if (!element) return;
      if (e.key === 'Escape') onClose();
      if (e.key !== 'Tab') return;
      const stops = [...element.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && el.offsetParent);
      // The dialog lives in the widget's shadow root, whose `activeElement` is the focused control
      // (`document.activeElement` is only the shadow host).
      const root = element.getRootNode() as ShadowRoot | Document;
      const active = root.activeElement;
      const edge = e.shiftKey ? stops[0] : stops.at(-1);
      if (!edge || active === edge || active === element || !element.contains(active)) {
        e.preventDefault();
        (e.shiftKey ? stops.at(-1) : stops[0])?.focus();
      }
    };
    document.addEventListener('keydown', key);
    return () => document.removeEventListener('keydown', key);
  }, [dialog, onClose]);
}
