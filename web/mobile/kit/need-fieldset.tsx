import type { Lang } from '../../i18n/core';
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
import { AddButton, Field, type ListAdd } from './field';
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

export interface NeedFieldsetProps {
  need: NeedValues;
  index: number;
  title: string;
  /** Test ids are `<prefix>-<i>`, `<prefix>-remove-<i>`, `<prefix>-kind-<i>`…: e2e journeys use them. */
  testIdPrefix: string;
  fid: (name: string) => string;
  errorOf: (field: string) => string | undefined;
  say: (key: NeedWord) => string;
  lang: Lang;
  onChange: (patch: Partial<NeedValues>) => void;
  onRemove: () => void;
}

/** One need's card: its kind, how urgent, and what is needed. */
export function NeedFieldset({
  need: n,
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
      <legend className="ms-card-title">
        {title}
        <button
          type="button"
          className="ms-link ms-danger"
          onClick={onRemove}
          data-testid={`${tp}-remove-${i}`}
        >
          {t('f.remove')}
        </button>
      </legend>
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

export interface NeedListProps extends Omit<
  NeedFieldsetProps,
  'need' | 'index' | 'title' | 'errorOf' | 'onChange' | 'onRemove'
> {
  needs: readonly (NeedValues & { key: string })[];
  /** Each card's title, by its place from 1. */
  title: (n: number) => string;
  /** The message for a form path (`needs.0.kind`…), if it has one. */
  errorOf: (path: string) => string | undefined;
  onChange: (index: number, patch: Partial<NeedValues>) => void;
  onRemove: (index: number) => void;
  add: ListAdd;
}

/** The household's needs as cards, each removable, and the button that adds one. */
export function NeedList({ needs, title, errorOf, onChange, onRemove, add, ...card }: NeedListProps) {
  return (
    <>
      {needs.map((n, i) => (
        <NeedFieldset
          key={n.key}
          {...card}
          need={n}
          index={i}
          title={title(i + 1)}
          errorOf={(field) => errorOf(`needs.${i}.${field}`)}
          onChange={(patch) => onChange(i, patch)}
          onRemove={() => onRemove(i)}
        />
      ))}
      <AddButton {...add} full={needs.length >= add.max} />
    </>
  );
}
