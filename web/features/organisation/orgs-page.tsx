import { useMemo, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Dropdown,
  Empty,
  Input,
  Result,
  Skeleton,
  Space,
  Tag,
  Tree,
  type MenuProps,
} from 'antd';
import type { TreeDataNode } from 'antd';
import {
  DragOutlined,
  EditOutlined,
  MoreOutlined,
  PlusOutlined,
  PoweroffOutlined,
  ReloadOutlined,
  SearchOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Organisation } from '../../../contracts/organisation';
import { useErrorText, useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { buildOrgTree, type OrgNode } from '../../components/org-tree';
import { can } from '../../components/session/permissions';
import { useSession } from '../../components/session/session';
import { useOrgs } from '../../components/orgs';
import { useActivateOrg, useDeactivateOrg } from './hooks';
import { OrgFormDialog, type OrgFormTarget } from './org-form-dialog';
import { OrgMoveDialog } from './org-move-dialog';
import { KIND_COLOR, childKindsOf } from './org-kinds';

/** Keeps the nodes whose name matches and the ancestors that lead to them. */
function filterTree(nodes: OrgNode[], keep: (org: Organisation) => boolean): OrgNode[] {
  const out: OrgNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, keep);
    if (keep(node.org) || children.length > 0) out.push({ org: node.org, children });
  }
  return out;
}

function collectKeys(nodes: OrgNode[], depthLimit: number, depth = 0, keys: string[] = []): string[] {
  for (const node of nodes) {
    if (node.children.length === 0 || depth >= depthLimit) continue;
    keys.push(node.org.id);
    collectKeys(node.children, depthLimit, depth + 1, keys);
  }
  return keys;
}

function Highlight({ text, query }: { text: string; query: string }) {
  const at = query ? text.toLowerCase().indexOf(query.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="uc-org-hit">{text.slice(at, at + query.length)}</mark>
      {text.slice(at + query.length)}
    </>
  );
}

type OrgAction = 'create-child' | 'edit' | 'move' | 'toggle';

export function OrgsPage() {
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const orgsQuery = useOrgs();
  const deactivate = useDeactivateOrg();
  const activate = useActivateOrg();
  const [query, setQuery] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [formTarget, setFormTarget] = useState<OrgFormTarget | null>(null);
  const [moving, setMoving] = useState<Organisation | null>(null);

  const orgs = useMemo(() => orgsQuery.data ?? [], [orgsQuery.data]);
  const byId = useMemo(() => new Map(orgs.map((org) => [org.id, org])), [orgs]);
  const fullTree = useMemo(() => buildOrgTree(orgs), [orgs]);
  const needle = query.trim();
  const shownTree = useMemo(
    () =>
      filterTree(
        fullTree,
        (org) =>
          (showInactive || org.status === 'active') &&
          (!needle || org.name.toLowerCase().includes(needle.toLowerCase())),
      ),
    [fullTree, needle, showInactive],
  );
  // While searching every hit is opened; otherwise the user’s own choice, by default three levels.
  const expandedKeys = needle ? collectKeys(shownTree, Infinity) : (expanded ?? collectKeys(fullTree, 2));

  const mayCreate = can(me, 'org.create');
  const mayUpdate = can(me, 'org.update');
  const mayMove = can(me, 'org.move');
  const mayToggle = can(me, 'org.deactivate');

  const confirmToggle = (org: Organisation) => {
    const active = org.status === 'active';
    modal.confirm({
      title: t(active ? 'org.deactivateConfirm' : 'org.activateConfirm', { name: org.name }),
      content: active ? t('org.deactivateHint') : undefined,
      okText: t(active ? 'org.deactivate' : 'org.activate'),
      okButtonProps: { danger: active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await (active ? deactivate : activate).mutateAsync({ id: org.id, version: org.version });
          void message.success(t(active ? 'org.deactivated' : 'org.activated'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  const run = (org: Organisation, action: OrgAction) => {
    if (action === 'create-child') setFormTarget({ mode: 'create', parent: org });
    if (action === 'edit') setFormTarget({ mode: 'edit', org });
    if (action === 'move') setMoving(org);
    if (action === 'toggle') confirmToggle(org);
  };

  const actionItems = (org: Organisation): MenuProps['items'] => {
    const items: NonNullable<MenuProps['items']> = [];
    const item = (key: OrgAction, icon: ReactNode, label: string, danger = false) =>
      items.push({ key, icon, danger, label: <span data-testid={`org-${key}`}>{label}</span> });
    if (mayCreate && org.status === 'active' && childKindsOf(org.kind).length > 0) {
      item('create-child', <PlusOutlined />, t('org.createChild'));
    }
    if (mayUpdate) item('edit', <EditOutlined />, t('org.edit'));
    // The top organisation is fixed: it can be neither moved nor switched off.
    if (mayMove && org.parentId && byId.has(org.parentId)) item('move', <DragOutlined />, t('org.move'));
    if (mayToggle && org.parentId) {
      if (org.status === 'active') item('toggle', <StopOutlined />, t('org.deactivate'), true);
      else item('toggle', <PoweroffOutlined />, t('org.activate'));
    }
    return items;
  };

  const toDataNode = (node: OrgNode): TreeDataNode => {
    const { org } = node;
    const items = actionItems(org);
    const inactive = org.status === 'inactive';
    return {
      key: org.id,
      children: node.children.map(toDataNode),
      title: (
        <div
          className={inactive ? 'uc-org-node uc-org-node-inactive' : 'uc-org-node'}
          data-testid={`org-node-${org.id}`}
        >
          <span className="uc-org-node-name">
            <Highlight text={org.name} query={needle} />
          </span>
          <Tag color={inactive ? undefined : KIND_COLOR[org.kind]}>{t(`orgKind.${org.kind}`)}</Tag>
          {org.caringKind ? <Tag>{t(`caringKind.${org.caringKind}`)}</Tag> : null}
          {inactive ? <Tag data-testid={`org-inactive-${org.id}`}>{t('org.inactive')}</Tag> : null}
          <span className="uc-org-node-meta">{org.divisionName}</span>
          {items && items.length > 0 ? (
            <span className="uc-org-node-actions">
              <Dropdown
                trigger={['click']}
                destroyOnHidden
                menu={{
                  items,
                  onClick: ({ key, domEvent }) => {
                    domEvent.stopPropagation();
                    run(org, key as OrgAction);
                  },
                }}
              >
                <Button
                  size="small"
                  type="text"
                  icon={<MoreOutlined />}
                  data-testid={`org-actions-${org.id}`}
                  aria-label={`${t('org.actions')}: ${org.name}`}
                  onClick={(event) => event.stopPropagation()}
                >
                  <span className="uc-org-actions-label">{t('org.actions')}</span>
                </Button>
              </Dropdown>
            </span>
          ) : null}
        </div>
      ),
    };
  };

  const treeData = shownTree.map(toDataNode);

  let body: ReactNode;
  if (orgsQuery.isPending) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else if (orgsQuery.isError) {
    body = (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={errorText(orgsQuery.error)}
        extra={<Button onClick={() => void orgsQuery.refetch()}>{t('error.retry')}</Button>}
      />
    );
  } else if (treeData.length === 0) {
    body = <Empty description={needle ? t('org.noMatch') : t('org.empty')} />;
  } else {
    body = (
      <Tree
        className="uc-org-tree"
        treeData={treeData}
        expandedKeys={expandedKeys}
        onExpand={(keys) => {
          if (!needle) setExpanded(keys.map(String));
        }}
        selectable={false}
        blockNode
        showLine
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t('org.title')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void orgsQuery.refetch()}
            loading={orgsQuery.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <div className="uc-org-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('org.search')}
            aria-label={t('org.search')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className="uc-org-search"
            data-testid="org-search"
          />
          <Checkbox checked={showInactive} onChange={(event) => setShowInactive(event.target.checked)}>
            {t('org.showInactive')}
          </Checkbox>
          {!needle ? (
            <Space size={4}>
              <Button size="small" type="link" onClick={() => setExpanded(collectKeys(fullTree, Infinity))}>
                {t('org.expandAll')}
              </Button>
              <Button size="small" type="link" onClick={() => setExpanded([])}>
                {t('org.collapseAll')}
              </Button>
            </Space>
          ) : null}
        </div>
        {body}
      </Card>
      <OrgFormDialog target={formTarget} onClose={() => setFormTarget(null)} />
      <OrgMoveDialog org={moving} orgs={orgs} onClose={() => setMoving(null)} />
    </>
  );
}
