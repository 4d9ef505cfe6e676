import type { ReactNode } from 'react';

/** One button of the action bar. */
export interface ActionButton {
  label: string;
  onClick?: () => void;
  disabled?: boolean;
  testId?: string;
}

/** The page's "please fix" or failure line, read out when it appears. */
export function Banner({ text, testId }: { text: string | null; testId: string }) {
  if (!text) return null;
  return (
    <div className="ms-banner" role="alert" data-testid={testId}>
      {text}
    </div>
  );
}

/**
 * The phone forms' action bar: a secondary back (or previous step) and the primary submit of the
 * form it closes; `className` adds a system's placement (the workers' pages keep it under the thumb).
 */
export function ActionBar({
  back,
  submit,
  className,
}: {
  back: ActionButton;
  submit: Omit<ActionButton, 'onClick'>;
  className?: string;
}) {
  return (
    <div className={className ? `ms-actions ${className}` : 'ms-actions'}>
      <button
        type="button"
        className="ms-btn ms-btn-secondary"
        onClick={back.onClick}
        disabled={back.disabled}
        data-testid={back.testId}
      >
        {back.label}
      </button>
      <button
        type="submit"
        className="ms-btn ms-btn-primary"
        disabled={submit.disabled}
        data-testid={submit.testId}
      >
        {submit.label}
      </button>
    </div>
  );
}

/** One row of a review list (`dl.ms-review`): what was entered, and a link back to change it. */
export function ReviewRow({
  label,
  children,
  edit,
  onEdit,
  valueClassName,
}: {
  label: string;
  children: ReactNode;
  /** The link's word (修改). */
  edit: string;
  onEdit: () => void;
  valueClassName?: string;
}) {
  return (
    <div className="ms-review-row">
      <dt>{label}</dt>
      <dd className={valueClassName}>{children}</dd>
      <button type="button" className="ms-link" onClick={onEdit}>
        {edit}
      </button>
    </div>
  );
}

/**
 * After a refused step, on the next frame: the first marked field inside `scope` (a selector) is
 * scrolled to the middle of the screen and, when it is an input, gets the focus.
 */
export const focusFirstInvalid = (scope: string) =>
  window.requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>(`${scope} [aria-invalid="true"], ${scope} .ms-error`);
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    if (first.matches('input, select, textarea')) first.focus({ preventScroll: true });
  });
