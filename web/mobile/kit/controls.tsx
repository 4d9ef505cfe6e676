import { describedBy, Field } from './field';
import { ScreeningForm } from '../../../contracts/assistance';
import { digitsOf, maxOf, minOf } from './bounds';

/** A household's size, as the contract bounds it. */
const SIZE = ScreeningForm.shape.householdSize;

/** Small controls of the phone pages (ms-*): big targets, labelled, plain. */

export function SizeStepper({
  id,
  testId,
  value,
  onChange,
  error,
  minusLabel,
  plusLabel,
}: {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  minusLabel: string;
  plusLabel: string;
}) {
  const n = Number(value) || 0;
  const set = (next: number) => onChange(String(Math.min(30, Math.max(1, next))));
  return (
    <div className="ms-stepper">
      <button
        type="button"
        className="ms-stepper-btn"
        aria-label={minusLabel}
        onClick={() => set(n - 1)}
        disabled={n <= minOf(SIZE)}
      >
        −
      </button>
      <input
        id={id}
        className="ms-input ms-stepper-input"
        data-testid={testId}
        inputMode="numeric"
        value={value}
        maxLength={digitsOf(SIZE)}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy(id, error)}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
      <button
        type="button"
        className="ms-stepper-btn"
        aria-label={plusLabel}
        onClick={() => set(n + 1)}
        disabled={n >= maxOf(SIZE)}
      >
        +
      </button>
    </div>
  );
}

/** The household's size as a field of its own: its label over the stepper, its error under it. */
export function SizeField({ label, ...stepper }: Parameters<typeof SizeStepper>[0] & { label: string }) {
  return (
    <Field id={stepper.id} label={label} error={stepper.error} required>
      <SizeStepper {...stepper} />
    </Field>
  );
}

export function Chips<T extends string>({
  label,
  options,
  value,
  onChange,
  labelFor,
  testId,
  tone,
}: {
  label: string;
  options: readonly T[];
  value: T | '';
  onChange: (value: T) => void;
  labelFor: (value: T) => string;
  testId?: string;
  tone?: (value: T) => string | undefined;
}) {
  return (
    <div className="ms-chips" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          className={`ms-chip${value === option ? ' ms-chip-on' : ''}${tone?.(option) ? ` ${tone(option)}` : ''}`}
          onClick={() => onChange(option)}
          data-testid={testId ? `${testId}-${option}` : undefined}
        >
          {labelFor(option)}
        </button>
      ))}
    </div>
  );
}
