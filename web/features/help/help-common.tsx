import { useMemo } from 'react';
import { InputNumber, Select, type InputNumberProps } from 'antd';
import type { Me } from '../../../contracts/auth';
import type { ReferralState, ResourceKind } from '../../../contracts/help';
import type { Organisation } from '../../../contracts/organisation';
import { useMe } from '../auth/hooks';
import { useOrgs } from '../organisation/hooks';
import './help.css';

/** A row's test id: antd's onRow takes only known HTML attributes in its type. */
export const rowTestId = (testId: string) => ({ 'data-testid': testId }) as React.HTMLAttributes<HTMLElement>;

/** Today in China (the platform's calendar), yyyy-mm-dd, whatever the browser's zone. */
export const todayInChina = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const DAY = 'YYYY-MM-DD';

/** A caring unit's staff act for their unit only; federation staff pick the unit. */
export const isCaringUnitUser = (me: Me): boolean => me.roles.includes('caring_unit_staff');

/**
 * Active organisations of the user's jurisdiction (all of them when the user's own organisation
 * is not in the visible list), optionally of some kinds only.
 */
export function useJurisdictionOrgs(kinds?: readonly Organisation['kind'][]): {
  orgs: Organisation[];
  loading: boolean;
} {
  const orgs = useOrgs();
  const me = useMe().data;
  return useMemo(() => {
    const mine = orgs.data?.find((org) => org.id === me?.orgId);
    const list = (orgs.data ?? []).filter(
      (org) =>
        org.status === 'active' &&
        (!kinds || kinds.includes(org.kind)) &&
        (!mine || org.jurisdictionId === mine.jurisdictionId),
    );
    return { orgs: list, loading: orgs.isPending };
  }, [orgs.data, orgs.isPending, me?.orgId, kinds]);
}

const CARING: readonly Organisation['kind'][] = ['caring_unit'];

/** 爱心单位 of the jurisdiction. */
export function useCaringUnits() {
  return useJurisdictionOrgs(CARING);
}

/** A flat, searchable organisation picker (caring units are a flat list, not a tree). */
export function OrgSelect({
  orgs,
  loading,
  value,
  onChange,
  placeholder,
  allowClear,
  testId,
  id,
  style,
}: {
  orgs: readonly Organisation[];
  loading?: boolean;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  id?: string;
  style?: React.CSSProperties;
}) {
  return (
    <Select
      id={id}
      data-testid={testId}
      aria-label={placeholder}
      value={value}
      onChange={(next?: string) => onChange?.(next ?? undefined)}
      allowClear={allowClear}
      loading={loading}
      placeholder={placeholder}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
      options={orgs.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

/** Yuan, typed with at most two decimals; the form converts it to fen. */
export function YuanInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      min={0}
      max={100_000_000}
      precision={2}
      step={10}
      prefix="¥"
      style={{ width: '100%' }}
      {...props}
    />
  );
}

export const RESOURCE_KIND_COLORS: Readonly<Record<ResourceKind, string>> = {
  green_channel: 'green',
  free_screening: 'cyan',
  coupons: 'gold',
  home_care: 'purple',
  counselling: 'geekblue',
  money: 'red',
  goods: 'orange',
  jobs: 'blue',
  other: 'default',
};

export const REFERRAL_STATE_COLORS: Readonly<Record<ReferralState, string>> = {
  sent: 'processing',
  accepted: 'blue',
  delivered: 'success',
  declined: 'default',
  withdrawn: 'default',
};
