import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { Organisation } from '../../contracts/organisation';
import { useT } from '../app/i18n';
import { buildOrgTree, type OrgNode } from './org-tree';

interface OrgOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: OrgOption[];
}

export interface OrgTreeSelectProps {
  orgs: readonly Organisation[];
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Organisations that are shown (for context) but cannot be picked. */
  isDisabled?: (org: Organisation) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  loading?: boolean;
  disabled?: boolean;
  testId?: string;
  id?: string;
  /** The control's accessible name where no <label> names it (a filter bar). */
  ariaLabel?: string;
}

/** Pick one organisation from the tree, searchable by name; used in filters and forms. */
export function OrgTreeSelect({
  orgs,
  value,
  onChange,
  isDisabled,
  placeholder,
  allowClear,
  loading,
  disabled,
  testId,
  id,
  ariaLabel,
}: OrgTreeSelectProps) {
  const t = useT();
  const inactive = t('org.inactive');
  const treeData = useMemo(() => {
    const toOption = (node: OrgNode): OrgOption => ({
      value: node.org.id,
      title: node.org.status === 'inactive' ? `${node.org.name}（${inactive}）` : node.org.name,
      disabled: isDisabled?.(node.org) ?? false,
      children: node.children.map(toOption),
    });
    return buildOrgTree(orgs).map(toOption);
  }, [orgs, isDisabled, inactive]);
  // Open the first two levels: federations down to city level are what people pick most.
  const expanded = useMemo(() => {
    const keys: string[] = [];
    for (const root of treeData) {
      keys.push(root.value);
      for (const child of root.children) if (child.children.length > 0) keys.push(child.value);
    }
    return keys;
  }, [treeData]);

  return (
    <TreeSelect<string, OrgOption>
      id={id}
      aria-label={ariaLabel}
      data-testid={testId}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={loading}
      disabled={disabled}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
