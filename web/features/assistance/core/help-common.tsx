import { useMemo } from 'react';
import { Select } from 'antd';
import type { Me } from '../../../../contracts/auth';
import type { ReferralState, ResourceKind } from '../../../../contracts/help';
import { useMe } from '../../../components/session/hooks';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { HelpOrgList } from '../../../../contracts/help';
import { apiGet } from '../../../api/client';
import './help.css';

/** A row's test id: antd's onRow takes only known HTML attributes in its type. */
export const rowTestId = (testId: string) => ({ 'data-testid': testId }) as React.HTMLAttributes<HTMLElement>;

/** Today in China (the platform's calendar), yyyy-mm-dd, whatever the browser's zone. */
export const todayInChina = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const DAY = 'YYYY-MM-DD';

/** A caring unit's staff act for their unit only; federation staff pick the unit. */
export const isCaringUnitUser = (me: Me): boolean => me.roles.includes('caring_unit_staff');

export type HelpOrg = z.infer<typeof HelpOrgList>['items'][number];

/**
 * The organisations a help form may name (GET /api/help/orgs): the active organisations of the
 * user's jurisdiction — partners see no organisation tree, so /api/orgs is no use to them — and,
 * with `upper`, the federations above it (givers of upper-federation aid). Only help.manage
 * holders ask; everyone else gets an empty list.
 */
export function useHelpOrgs(opts: { kinds?: readonly string[]; upper?: boolean } = {}): {
  orgs: HelpOrg[];
  loading: boolean;
} {
  const me = useMe().data;
  const enabled = Boolean(me?.actions.includes('help.manage'));
  const query = useQuery({
    queryKey: ['help', 'orgs'],
    queryFn: ({ signal }) => apiGet('/api/help/orgs', HelpOrgList, signal),
    enabled,
    staleTime: 60_000,
  });
  const { kinds, upper } = opts;
  const key = kinds?.join() ?? '';
  return useMemo(
    () => ({
      orgs: (query.data?.items ?? []).filter(
        (o) => (upper || !o.upper) && (!kinds || kinds.includes(o.kind)),
      ),
      loading: enabled && query.isPending,
    }),
    [query.data, query.isPending, enabled, upper, key],
  );
}

const CARING = ['caring_unit'] as const;

/** 爱心单位 of the jurisdiction. */
export function useCaringUnits() {
  return useHelpOrgs({ kinds: CARING });
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
  orgs: readonly { id: string; name: string }[];
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
