import { describedBy } from './field';
import { YUAN_TEXT_MAX } from './bounds';

/** An amount in yuan as typed: decimal keyboard, full-width commas and spaces dropped, 元 after it. */
export function YuanInput({
  id,
  testId,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <div className="ms-affix">
      {/* One character more than the largest amount: a too-large one is told, not cut. */}
      <input
        id={id}
        className="ms-input"
        data-testid={testId}
        inputMode="decimal"
        value={value}
        maxLength={YUAN_TEXT_MAX + 1}
        autoComplete="off"
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => onChange(e.target.value.replace(/[，,\s]/g, '').replace('。', '.'))}
      />
      <span className="ms-affix-text">元</span>
    </div>
  );
}
