import { Select } from 'antd';
import dayjs from 'dayjs';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import { useI18n } from '../../../app/i18n';
import { DAY, todayInChina } from '../core/help-common';

/** Shared bits of the household's help section. */

export { DAY, rowTestId } from '../core/help-common';

/** Days after today are not allowed for things that already happened. */
export const notInFuture = (d: dayjs.Dayjs) => d.format(DAY) > todayInChina();
/** Due dates are today or later. */
export const notInPast = (d: dayjs.Dayjs) => d.format(DAY) < todayInChina();

/** The day picker's start value: today in China. */
export const todayPick = () => dayjs(todayInChina());

export type Member = HouseholdDetail['members'][number];

/** A child under 14 consents only through a guardian: by age, or, with no age, by relation (server rule). */
export function needsGuardian(member: Member | undefined): boolean {
  if (!member) return false;
  if (member.age !== null) return member.age < 14;
  return member.relation === 'child' || member.relation === 'grandchild';
}

/** 整户 (empty) or one member of the household. */
export function MemberSelect({
  household,
  value,
  onChange,
  testId,
  id,
}: {
  household: HouseholdDetail;
  value?: string;
  onChange?: (value: string) => void;
  testId: string;
  id?: string;
}) {
  const { t } = useI18n();
  return (
    <Select
      id={id}
      data-testid={testId}
      value={value ?? ''}
      onChange={(next: string) => onChange?.(next)}
      options={[
        { value: '', label: t('hhHelp.wholeHousehold', { name: household.headName }) },
        ...household.members.map((m) => ({
          value: m.id,
          label: m.age !== null ? `${m.name}（${t('hhHelp.ageYears', { n: m.age })}）` : m.name,
        })),
      ]}
    />
  );
}
