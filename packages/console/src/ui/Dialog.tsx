import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Props of {@link Dialog}. */
export interface DialogProps {
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string;
  /** Called on Escape; leave out for a dialog that must be answered (sign-in after the session ended). */
  onClose?: () => void;
  className?: string;
  children: ComponentChildren;
}

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside, makes the page behind
 * it inert (but still on screen) and gives focus back when it closes. Mount it to open it.
 */
export function Dialog({ labelledBy, onClose, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // happy-dom and old browsers may lack showModal; an open attribute still draws it.
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    return () => dialog.open && dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog ${className ?? ''}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
      onKeyDown={(event) => {
        // Keys inside a dialog are the dialog's: the page's shortcuts must not fire behind it.
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose?.();
        }
      }}
    >
      {children}
    </dialog>
  );
}
