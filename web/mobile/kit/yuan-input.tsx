import { describedBy, Field } from './field';
import { YUAN_TEXT_MAX } from './bounds';

/** An amount in yuan as typed: decimal keyboard, full-width commas and spaces dropped, 元 after it. */
export function YuanInput({
  id,
  testId,
  value,
  onChange,
  error,
  hint,
  asTyped,
}: {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  /** Keep what is typed as it is (the screeners' wizard): a comma is then told, not dropped. */
  asTyped?: boolean;
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
        onChange={(e) =>
          onChange(asTyped ? e.target.value : e.target.value.replace(/[，,\s]/g, '').replace('。', '.'))
        }
      />
      <span className="ms-affix-text">元</span>
    </div>
  );
}

/** The household's yearly income and rigid expense as the forms hold them: yuan as typed. */
export interface MoneyValue {
  annualIncome: string;
  rigidExpense: string;
}

/** 家庭年收入 and 刚性支出, both required, each with its hint: the same pair on every household form. */
export function MoneyFields({
  value,
  onChange,
  errorOf: err,
  fid,
  testIds,
  words: w,
  asTyped,
}: {
  value: MoneyValue;
  onChange: (field: keyof MoneyValue, value: string) => void;
  /** The message for `annualIncome` or `rigidExpense`, if it has one. */
  errorOf: (path: keyof MoneyValue) => string | undefined;
  fid: (name: string) => string;
  testIds: Record<'income' | 'expense', string>;
  words: Record<'income' | 'incomeHint' | 'expense' | 'expenseHint', string>;
  asTyped?: boolean;
}) {
  const field = (name: 'income' | 'expense', path: keyof MoneyValue, label: string, hint: string) => (
    <Field id={fid(name)} label={label} hint={hint} error={err(path)} required>
      <YuanInput
        id={fid(name)}
        testId={testIds[name]}
        value={value[path]}
        onChange={(v) => onChange(path, v)}
        error={err(path)}
        hint={hint}
        asTyped={asTyped}
      />
    </Field>
  );
  return (
    <>
      {field('income', 'annualIncome', w.income, w.incomeHint)}
      {field('expense', 'rigidExpense', w.expense, w.expenseHint)}
    </>
  );
}
