import type { ReactNode } from 'react';
import { ScreeningForm, type Situation } from '../../../contracts/assistance';
import { SITUATIONS, SITUATION_LABELS, labelOf } from '../../features/assistance/core/labels';
import type { Lang } from '../../i18n/core';
import { ID_NUMBER_LENGTH, maxOf } from './bounds';
import { Field, describedBy } from './field';

const FORM = ScreeningForm.shape;

export interface HeadValue {
  headName: string;
  idNumber: string;
  situation: Situation | '';
  addressDetail: string;
}
export type HeadField = keyof HeadValue;

export interface HeadFieldsProps {
  value: HeadValue;
  onChange: (field: HeadField, value: string) => void;
  /** The message for a field path (`headName`, `divisionCode`…), if it has one. */
  errorOf: (path: string) => string | undefined;
  fid: (name: string) => string;
  testIds: Record<'name' | 'idNumber' | 'situation' | 'address', string>;
  /** The system's words for each label and hint. */
  words: {
    name: string;
    idNumber: string;
    idNumberHint: string;
    situation: string;
    choose: string;
    address: string;
    addressHint: string;
  };
  lang: Lang;
  /** The household's own details, typed by the household: the browser may fill them in. */
  own?: boolean;
  /** Fields a system adds after the ID number (the screeners' phone). */
  afterIdNumber?: ReactNode;
  /** The area picker, a field of its own before the address. */
  area: ReactNode;
}

/** The household head's fields both phone forms open with: name, ID number, situation, area, address. */
export function HeadFields({
  value,
  onChange,
  errorOf: err,
  fid,
  testIds,
  words: w,
  lang,
  own,
  afterIdNumber,
  area,
}: HeadFieldsProps) {
  const L = labelOf(lang);
  return (
    <>
      <Field id={fid('headName')} label={w.name} error={err('headName')} required>
        <input
          id={fid('headName')}
          className="ms-input"
          data-testid={testIds.name}
          value={value.headName}
          maxLength={maxOf(FORM.headName)}
          autoComplete={own ? 'name' : 'off'}
          aria-invalid={Boolean(err('headName')) || undefined}
          aria-describedby={describedBy(fid('headName'), err('headName'))}
          onChange={(e) => onChange('headName', e.target.value)}
        />
      </Field>
      <Field id={fid('idNumber')} label={w.idNumber} hint={w.idNumberHint} error={err('idNumber')}>
        <input
          id={fid('idNumber')}
          className="ms-input ms-mono"
          data-testid={testIds.idNumber}
          value={value.idNumber}
          maxLength={ID_NUMBER_LENGTH}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={Boolean(err('idNumber')) || undefined}
          aria-describedby={describedBy(fid('idNumber'), err('idNumber'), w.idNumberHint)}
          onChange={(e) => onChange('idNumber', e.target.value.toUpperCase())}
        />
      </Field>
      {afterIdNumber}
      <Field id={fid('situation')} label={w.situation} error={err('situation')} required>
        <select
          id={fid('situation')}
          className="ms-select"
          data-testid={testIds.situation}
          value={value.situation}
          aria-invalid={Boolean(err('situation')) || undefined}
          aria-describedby={describedBy(fid('situation'), err('situation'))}
          onChange={(e) => onChange('situation', e.target.value)}
        >
          <option value="">{w.choose}</option>
          {SITUATIONS.map((s) => (
            <option key={s} value={s}>
              {L(SITUATION_LABELS, s)}
            </option>
          ))}
        </select>
      </Field>
      {area}
      <Field id={fid('address')} label={w.address} hint={w.addressHint} error={err('addressDetail')} required>
        <input
          id={fid('address')}
          className="ms-input"
          data-testid={testIds.address}
          value={value.addressDetail}
          maxLength={maxOf(FORM.addressDetail)}
          autoComplete={own ? 'street-address' : 'off'}
          aria-invalid={Boolean(err('addressDetail')) || undefined}
          aria-describedby={describedBy(fid('address'), err('addressDetail'), w.addressHint)}
          onChange={(e) => onChange('addressDetail', e.target.value)}
        />
      </Field>
    </>
  );
}
