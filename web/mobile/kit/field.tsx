import type { ReactNode } from 'react';

/** A labelled field of the phone pages (ms-*): big, its hint and error tied to the input. */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'ms-field ms-field-error' : 'ms-field'}>
      <label className="ms-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="ms-req" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint && !error ? (
        <div className="ms-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="ms-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export const describedBy = (id: string, error?: string, hint?: string) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

/** A list's heading on the phone forms (members, needs): its label and what to put in it. */
export function SectionHead({ label, hint }: { label: string; hint: string }) {
  return (
    <div className="ms-section-head">
      <span className="ms-label">{label}</span>
      <span className="ms-hint">{hint}</span>
    </div>
  );
}
