import {
  NEED_KINDS,
  NEED_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  labelOf,
  type NeedKind,
  type Urgency,
} from '../../features/assistance/core/labels';
import { Chips } from './controls';
import { CardLegend, listOf, type CardProps, type CardSetting } from './card-list';
import { Field } from './field';
import { NeedInput } from '../../../contracts/assistance';
import { maxOf } from './bounds';

/** A need as a phone form holds it. */
export interface NeedValues {
  kind: NeedKind | '';
  urgency: Urgency;
  description: string;
}

/** The words a need card shows; each page passes its own dictionary's translate. */
export type NeedWord = 'f.remove' | 'f.needKind' | 'f.urgency' | 'f.description';

export type NeedFieldsetProps = CardProps<NeedValues> & CardSetting<NeedWord>;

/** One need's card: its kind, how urgent, and what is needed. */
export function NeedFieldset({
  value: n,
  index: i,
  title,
  testIdPrefix: tp,
  fid,
  errorOf: p,
  say: t,
  lang,
  onChange,
  onRemove,
}: NeedFieldsetProps) {
  const L = labelOf(lang);
  return (
    <fieldset
      className={`ms-card${n.urgency === 'urgent' ? ' ms-card-urgent' : ''}`}
      data-testid={`${tp}-${i}`}
    >
      <CardLegend
        title={title}
        removeLabel={t('f.remove')}
        onRemove={onRemove}
        testId={`${tp}-remove-${i}`}
      />
      <div className="ms-field">
        <span className="ms-label">
          {t('f.needKind')}
          <span className="ms-req" aria-hidden="true">
            *
          </span>
        </span>
        <Chips
          label={t('f.needKind')}
          options={NEED_KINDS}
          value={n.kind}
          onChange={(kind) => onChange({ kind })}
          labelFor={(kind) => L(NEED_LABELS, kind)}
          testId={`${tp}-kind-${i}`}
        />
        {p('kind') ? (
          <div className="ms-error" role="alert">
            {p('kind')}
          </div>
        ) : null}
      </div>
      <div className="ms-field">
        <span className="ms-label">{t('f.urgency')}</span>
        <Chips
          label={t('f.urgency')}
          options={URGENCIES}
          value={n.urgency}
          onChange={(urgency) => onChange({ urgency })}
          labelFor={(u) => L(URGENCY_LABELS, u)}
          testId={`${tp}-urgency-${i}`}
          tone={(u) => (u === 'urgent' ? 'ms-chip-urgent' : undefined)}
        />
      </div>
      <Field id={fid(`n${i}-desc`)} label={t('f.description')} error={p('description')} required>
        <textarea
          id={fid(`n${i}-desc`)}
          className="ms-textarea"
          data-testid={`${tp}-description-${i}`}
          rows={3}
          value={n.description}
          maxLength={maxOf(NeedInput.shape.description)}
          aria-invalid={Boolean(p('description')) || undefined}
          onChange={(e) => onChange({ description: e.target.value })}
        />
      </Field>
    </fieldset>
  );
}

/** The household's needs as cards, each removable, and the button that adds one. */
export const NeedList = listOf<NeedValues, NeedFieldsetProps>('needs', NeedFieldset);
