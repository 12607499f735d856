/**
 * A modal question with two answers, on the native <dialog> (showModal): the browser keeps focus
 * inside and hides the page behind from assistive technology. Focus starts on the safe answer and
 * goes back to whatever opened the dialog when it closes (Escape included).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  dismissLabel: string;
  /** The confirmed action is under way. */
  busy?: boolean;
  onConfirm: () => void;
  /** Escape or the dismiss button: the parent closes the dialog by setting `open` to false. */
  onDismiss: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, dismissLabel, busy = false, onConfirm, onDismiss }: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const dismissRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dismissRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      // Escape: let React state decide, so the dialog and `open` never disagree.
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
      onClose={() => {
        // Browsers may close it without a cancel event they let us stop; keep the state in step.
        if (open) onDismiss();
        const opener = openerRef.current;
        openerRef.current = null;
        if (opener?.isConnected) opener.focus();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
      <div className="actions">
        <Button busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button ref={dismissRef} variant="secondary" onClick={onDismiss}>
          {dismissLabel}
        </Button>
      </div>
    </dialog>
  );
}
