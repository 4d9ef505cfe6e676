import type { Lang } from '../../i18n/core';
import { ScreeningForm, type Cause } from '../../../contracts/assistance';
import { CAUSES, CAUSE_LABELS, labelOf } from '../../features/assistance/core/labels';
import { maxOf } from './bounds';

/** How many causes one household names (the screening contract's `causes` array). */
const MOST_CAUSES = maxOf(ScreeningForm.shape.causes);

/** The causes of hardship as checkbox chips: up to the contract's most, the rest disabled once that many are on. */
export function CauseChips({
  id,
  label,
  value,
  onChange,
  lang,
  testIdPrefix,
}: {
  id: string;
  label: string;
  value: Cause[];
  onChange: (causes: Cause[]) => void;
  lang: Lang;
  /** Each chip's test id is `<prefix>-<cause>`: e2e journeys use them. */
  testIdPrefix: string;
}) {
  const L = labelOf(lang);
  return (
    <div className="ms-field">
      <span className="ms-label" id={id}>
        {label}
      </span>
      <div className="ms-chips" role="group" aria-labelledby={id}>
        {CAUSES.map((cause) => {
          const on = value.includes(cause);
          return (
            <button
              key={cause}
              type="button"
              role="checkbox"
              aria-checked={on}
              className={`ms-chip${on ? ' ms-chip-on' : ''}`}
              disabled={!on && value.length >= MOST_CAUSES}
              onClick={() =>
                onChange(on ? value.filter((c) => c !== cause) : [...value, cause].slice(0, MOST_CAUSES))
              }
              data-testid={`${testIdPrefix}-${cause}`}
            >
              {L(CAUSE_LABELS, cause)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
