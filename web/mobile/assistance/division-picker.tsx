import { memo } from 'react';
import { useDivisions } from '../../features/assistance/core/hooks';
import { useHomeDivision } from '../../features/assistance/core/home-division';
import { useST } from './texts';

interface DivisionPickerProps {
  id: string;
  value: string;
  onChange: (code: string) => void;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * Native selects (the phone's own picker wheel): the streets of the home county, or, for an
 * organisation above county level, its counties and then their streets. Memoised: typing in the
 * form's other fields does not re-render its lists of streets (give it a stable `onChange`).
 */
export const DivisionPicker = memo(function DivisionPicker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
}: DivisionPickerProps) {
  const t = useST();
  const { base } = useHomeDivision();
  const first = useDivisions(base);
  const chosenFirst = first.data?.find((d) => value.startsWith(d.code));
  const needsSecond = Boolean(chosenFirst?.hasChildren && chosenFirst.code.length < 9);
  const second = useDivisions(needsSecond ? chosenFirst?.code : undefined);
  const outside = value && base && !value.startsWith(base);

  return (
    <div className="ms-division">
      <select
        id={id}
        className="ms-select"
        data-testid="m-division"
        value={chosenFirst?.code ?? (outside ? value : '')}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        disabled={!first.data}
      >
        <option value="">{first.isPending && base ? t('app.loading') : t('f.choose')}</option>
        {outside ? <option value={value}>{value}</option> : null}
        {(first.data ?? []).map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </select>
      {needsSecond ? (
        <select
          className="ms-select"
          data-testid="m-division-2"
          aria-label={t('f.division')}
          value={value.length > (chosenFirst?.code.length ?? 0) ? value : ''}
          onChange={(e) => onChange(e.target.value || (chosenFirst?.code ?? ''))}
          disabled={!second.data}
        >
          <option value="">{t('f.choose')}</option>
          {(second.data ?? []).map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
});
