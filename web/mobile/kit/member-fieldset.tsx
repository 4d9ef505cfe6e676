import { RELATIONS, RELATION_LABELS, labelOf, type Relation } from '../../features/assistance/core/labels';
import { CardLegend, listOf, type CardProps, type CardSetting } from './card-list';
import { Field } from './field';
import { MemberInput } from '../../../contracts/assistance';
import { ID_NUMBER_LENGTH, YUAN_TEXT_MAX, digitsOf, maxOf } from './bounds';

const MEMBER = MemberInput.shape;

/** A household member as a phone form holds it: text as typed. */
export interface MemberValues {
  relation: Relation | '';
  name: string;
  age: string;
  idNumber: string;
  school: string;
  health: string;
  work: string;
  monthlyIncome: string;
}

/** The words a member card shows; each page passes its own dictionary's translate. */
export type MemberWord =
  | 'f.remove'
  | 'f.relation'
  | 'f.choose'
  | 'f.name'
  | 'f.age'
  | 'f.school'
  | 'f.schoolHint'
  | 'f.more'
  | 'f.health'
  | 'f.work'
  | 'f.monthlyIncome'
  | 'f.idNumber';

export interface MemberFieldsetProps extends CardProps<MemberValues>, CardSetting<MemberWord> {
  /** The screeners' card: school beside the age, health, work, income and ID number under 更多信息. */
  full?: boolean;
}

/** One household member's card: relation and name, age, and on the screeners' card the rest. */
export function MemberFieldset({
  value: m,
  index: i,
  title,
  testIdPrefix: tp,
  fid,
  errorOf: p,
  say: t,
  lang,
  onChange,
  onRemove,
  full,
}: MemberFieldsetProps) {
  const L = labelOf(lang);
  const more = Boolean(
    m.idNumber || m.school || m.health || m.work || m.monthlyIncome || p('idNumber') || p('monthlyIncome'),
  );
  const age = (
    <Field id={fid(`m${i}-age`)} label={t('f.age')} error={p('age')}>
      <input
        id={fid(`m${i}-age`)}
        className={full ? 'ms-input' : 'ms-input hp-short'}
        inputMode="numeric"
        data-testid={`${tp}-age-${i}`}
        value={m.age}
        maxLength={digitsOf(MEMBER.age)}
        aria-invalid={Boolean(p('age')) || undefined}
        onChange={(e) => onChange({ age: e.target.value.replace(/\D/g, '') })}
      />
    </Field>
  );
  return (
    <fieldset className="ms-card" data-testid={`${tp}-${i}`}>
      <CardLegend
        title={title}
        removeLabel={t('f.remove')}
        onRemove={onRemove}
        testId={`${tp}-remove-${i}`}
      />
      <div className="ms-row">
        <Field id={fid(`m${i}-relation`)} label={t('f.relation')} error={p('relation')} required>
          <select
            id={fid(`m${i}-relation`)}
            className="ms-select"
            data-testid={`${tp}-relation-${i}`}
            value={m.relation}
            aria-invalid={Boolean(p('relation')) || undefined}
            onChange={(e) => onChange({ relation: e.target.value as MemberValues['relation'] })}
          >
            <option value="">{t('f.choose')}</option>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {L(RELATION_LABELS, r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fid(`m${i}-name`)} label={t('f.name')} error={p('name')} required>
          <input
            id={fid(`m${i}-name`)}
            className="ms-input"
            data-testid={`${tp}-name-${i}`}
            value={m.name}
            maxLength={maxOf(MEMBER.name)}
            autoComplete="off"
            aria-invalid={Boolean(p('name')) || undefined}
            onChange={(e) => onChange({ name: e.target.value })}
          />
        </Field>
      </div>
      {full ? (
        <>
          <div className="ms-row">
            {age}
            <Field id={fid(`m${i}-school`)} label={t('f.school')} error={p('school')}>
              <input
                id={fid(`m${i}-school`)}
                className="ms-input"
                placeholder={t('f.schoolHint')}
                value={m.school}
                maxLength={maxOf(MEMBER.school)}
                onChange={(e) => onChange({ school: e.target.value })}
              />
            </Field>
          </div>
          <details className="ms-more" open={more || undefined}>
            <summary>{t('f.more')}</summary>
            <Field id={fid(`m${i}-health`)} label={t('f.health')} error={p('health')}>
              <input
                id={fid(`m${i}-health`)}
                className="ms-input"
                value={m.health}
                maxLength={maxOf(MEMBER.health)}
                onChange={(e) => onChange({ health: e.target.value })}
              />
            </Field>
            <Field id={fid(`m${i}-work`)} label={t('f.work')} error={p('work')}>
              <input
                id={fid(`m${i}-work`)}
                className="ms-input"
                value={m.work}
                maxLength={maxOf(MEMBER.work)}
                onChange={(e) => onChange({ work: e.target.value })}
              />
            </Field>
            <Field id={fid(`m${i}-income`)} label={t('f.monthlyIncome')} error={p('monthlyIncome')}>
              <input
                id={fid(`m${i}-income`)}
                className="ms-input"
                inputMode="decimal"
                value={m.monthlyIncome}
                maxLength={YUAN_TEXT_MAX}
                aria-invalid={Boolean(p('monthlyIncome')) || undefined}
                onChange={(e) => onChange({ monthlyIncome: e.target.value })}
              />
            </Field>
            <Field id={fid(`m${i}-id`)} label={t('f.idNumber')} error={p('idNumber')}>
              <input
                id={fid(`m${i}-id`)}
                className="ms-input ms-mono"
                value={m.idNumber}
                maxLength={ID_NUMBER_LENGTH}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                aria-invalid={Boolean(p('idNumber')) || undefined}
                onChange={(e) => onChange({ idNumber: e.target.value.toUpperCase() })}
              />
            </Field>
          </details>
        </>
      ) : (
        age
      )}
    </fieldset>
  );
}

/** The household's members as cards, each removable, and the button that adds one. */
export const MemberList = listOf<MemberValues, MemberFieldsetProps>('members', MemberFieldset);
