import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Tag, Tooltip, type TableProps } from 'antd';
import { Link } from 'react-router';
import {
  BarChartOutlined,
  EditOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  FileExcelOutlined,
  LogoutOutlined,
  PlusOutlined,
  SearchOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { MemberState, MemberUrlFilters, type MemberSummary } from '../../../../contracts/membership';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { PagedTable } from '../../../components/list/paged-table';
import { useRowActions, type RowAction } from '../../../components/list/row-actions';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { useFormErrors } from '../../../components/use-form-errors';
import { canDo } from '../permissions';
import { MemberExportButton } from './export-button';
import { useMembers, useRevealMember, useRollOrgs } from './hooks';
import { MemberImportDialog } from './import-dialog';
import { MemberDialogs, isUnit, type MemberTarget } from './member-dialogs';
import {
  MEMBER_URL_KEYS,
  SEARCH_FIELDS,
  memberFiltersOf,
  memberQuery,
  splitMemberFilters,
  type MemberFilterForm,
  type MemberSearch,
} from './member-model';
import '../membership.css';

type Revealed = { idNumber: string; phone: string };

/** A revealed row masks itself again after this long (or at once with 隐藏). */
const SHOW_MS = 60_000;

/**
 * 会员名册: the members of the user's jurisdiction (a cadre: their own unit's). The filters that
 * name no person (unit, state) live in the URL; the search by name, ID number or phone only in
 * this page's state, sent in the POST body. Identifiers are masked; 查看 shows a row's in full
 * (audited on the server) for a minute, kept in this page's memory only, never in the query cache.
 */
export function MembersPage() {
  const me = useSession();
  const { t } = useI18n();
  const errorText = useErrorText();
  const showFormErrors = useFormErrors();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFilterForm>();
  const { filters, setFilters, reset, paging, onPage } = useUrlFilters(MemberUrlFilters, {
    keys: MEMBER_URL_KEYS,
  });
  const [search, setSearch] = useState<MemberSearch>({});
  const query = memberQuery(filters, search);
  const members = useMembers(query);
  const { orgs, loading: orgsLoading } = useRollOrgs();
  const reveal = useRevealMember();
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});
  const [target, setTarget] = useState<MemberTarget | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const manage = canDo(me, 'member.manage');
  const { page: _page, pageSize: _pageSize, ...exportFilter } = query;

  // A refused search (a mistyped ID number) shows by the field that caused it.
  const searchError = members.error;
  useEffect(() => {
    if (isApiError(searchError) && searchError.fieldErrors.length > 0)
      showFormErrors(form, searchError, { fields: SEARCH_FIELDS });
  }, [searchError, form, showFormErrors]);

  // The bar shows the URL's filters (a reload, the back button); the search fields keep theirs.
  useEffect(() => {
    form.setFieldsValue(memberFiltersOf(filters));
  }, [filters, form]);

  const apply = (values: MemberFilterForm) => {
    form.setFields(SEARCH_FIELDS.map((name) => ({ name, errors: [] })));
    const { search: next, url } = splitMemberFilters(values);
    setSearch(next);
    setFilters(url);
  };

  const hide = (m: MemberSummary) =>
    setRevealed((r) => {
      const { [m.id]: _gone, ...rest } = r;
      return rest;
    });

  const show = async (m: MemberSummary) => {
    try {
      const full = await reveal.mutateAsync(m.id);
      setRevealed((r) => ({ ...r, [m.id]: full }));
      window.setTimeout(() => hide(m), SHOW_MS);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const active = (m: MemberSummary) => m.state === 'active';
  const actions: RowAction<MemberSummary>[] = [
    {
      key: 'reveal',
      label: t('mr.reveal'),
      icon: <EyeOutlined />,
      testId: 'mr-reveal',
      requires: 'member.reveal',
      when: (m) => !revealed[m.id],
      loading: (m) => reveal.isPending && reveal.variables === m.id,
      confirm: (m) => ({
        title: `${t('mr.reveal')}：${m.name}`,
        content: t('mr.revealNote'),
        okText: t('mr.reveal'),
        cancelText: t('common.cancel'),
      }),
      run: show,
    },
    {
      key: 'hide',
      label: t('mr.revealHide'),
      icon: <EyeInvisibleOutlined />,
      testId: 'mr-hide',
      requires: 'member.reveal',
      when: (m) => Boolean(revealed[m.id]),
      run: hide,
    },
    {
      key: 'edit',
      label: t('mr.edit'),
      icon: <EditOutlined />,
      testId: 'mr-edit',
      requires: 'member.manage',
      when: active,
      run: (m) => setTarget({ mode: 'edit', member: m }),
    },
    {
      key: 'transfer',
      label: t('mr.transfer'),
      icon: <SwapOutlined />,
      testId: 'mr-transfer',
      requires: 'member.manage',
      when: active,
      run: (m) => setTarget({ mode: 'transfer', member: m }),
    },
    {
      key: 'leave',
      label: t('mr.leave'),
      icon: <LogoutOutlined />,
      testId: 'mr-leave',
      requires: 'member.manage',
      danger: true,
      when: active,
      run: (m) => setTarget({ mode: 'leave', member: m }),
    },
  ];
  const rowActions = useRowActions(actions);

  const idOf = (m: MemberSummary) => (
    <span className="mr-mono" data-testid={`mr-id-${m.id}`} data-revealed={revealed[m.id] ? 'true' : 'false'}>
      {revealed[m.id]?.idNumber ?? m.idNumberMasked}
    </span>
  );
  const phoneOf = (m: MemberSummary) => (
    <span className="mr-mono" data-testid={`mr-phone-${m.id}`}>
      {revealed[m.id]?.phone ?? m.phoneMasked}
    </span>
  );
  const stateTag = (m: MemberSummary) =>
    m.state === 'active' ? (
      <Tag color="success">{t('mr.state.active')}</Tag>
    ) : (
      <Tooltip title={m.leftOn ? `${t('mr.leftOn')}：${m.leftOn}` : undefined}>
        <Tag>{t('mr.state.left')}</Tag>
      </Tooltip>
    );
  const genderOf = (m: MemberSummary) => (m.gender ? t(`mr.gender.${m.gender}`) : '—');

  const columns: TableProps<MemberSummary>['columns'] = [
    { key: 'name', title: t('mr.name'), dataIndex: 'name', fixed: 'left', width: 110 },
    { key: 'idNumber', title: t('mr.idNumber'), width: 190, render: (_, m) => idOf(m) },
    { key: 'phone', title: t('mr.phone'), width: 130, render: (_, m) => phoneOf(m) },
    { key: 'org', title: t('mr.org'), dataIndex: 'orgName', width: 220, ellipsis: true },
    { key: 'card', title: t('mr.cardNumber'), width: 120, render: (_, m) => m.cardNumber ?? '—' },
    { key: 'gender', title: t('mr.gender'), width: 70, render: (_, m) => genderOf(m) },
    { key: 'joinedOn', title: t('mr.joinedOn'), dataIndex: 'joinedOn', width: 110 },
    { key: 'state', title: t('mr.state'), width: 90, render: (_, m) => stateTag(m) },
  ];
  if (rowActions.any)
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 230,
      render: (_, m) => rowActions.renderActions(m),
    });

  return (
    <>
      <PageHeader
        title={t('mr.title')}
        extra={
          <>
            <Link to="/membership/counts">
              <Button icon={<BarChartOutlined />} data-testid="mr-open-counts">
                {t('mc.title')}
              </Button>
            </Link>
            {manage ? (
              <>
                <Button
                  icon={<FileExcelOutlined />}
                  onClick={() => setImportOpen(true)}
                  data-testid="mr-import"
                >
                  {t('mr.import')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setTarget({ mode: 'create' })}
                  data-testid="mr-add"
                >
                  {t('mr.add')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Card>
        <Form<MemberFilterForm> form={form} layout="inline" className="uc-filters" onFinish={apply}>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('mr.search')}
              aria-label={t('mr.search')}
              style={{ width: 160 }}
              maxLength={30}
              autoComplete="off"
              data-testid="mr-search"
            />
          </Form.Item>
          <Form.Item name="idNumber">
            <Input
              allowClear
              placeholder={t('mr.searchId')}
              aria-label={t('mr.searchId')}
              style={{ width: 190 }}
              maxLength={18}
              autoComplete="off"
              data-testid="mr-search-id"
            />
          </Form.Item>
          <Form.Item name="phone">
            <Input
              allowClear
              placeholder={t('mr.searchPhone')}
              aria-label={t('mr.searchPhone')}
              style={{ width: 150 }}
              maxLength={20}
              autoComplete="off"
              data-testid="mr-search-phone"
            />
          </Form.Item>
          <Form.Item name="orgId" style={{ minWidth: 220 }}>
            <OrgTreeSelect
              orgs={orgs}
              loading={orgsLoading}
              isDisabled={(org) => !isUnit(org)}
              allowClear
              placeholder={t('mr.filterOrg')}
              ariaLabel={t('mr.filterOrg')}
              testId="mr-filter-org"
            />
          </Form.Item>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('mr.state')}
              aria-label={t('mr.state')}
              style={{ width: 120 }}
              data-testid="mr-filter-state"
              options={MemberState.options.map((s) => ({ value: s, label: t(`mr.state.${s}`) }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="mr-search-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setSearch({});
                  reset();
                }}
              >
                {t('common.reset')}
              </Button>
              {canDo(me, 'member.export') ? <MemberExportButton filter={exportFilter} /> : null}
            </Space>
          </Form.Item>
        </Form>
        <PagedTable<MemberSummary>
          rows={members.data?.items ?? []}
          columns={columns}
          paging={{ ...paging, total: members.data?.total ?? 0 }}
          onPage={onPage}
          loading={members.isFetching}
          errorText={members.isError ? errorText(members.error) : undefined}
          scrollX={1300}
          testId="mr-table"
          rowTestIdPrefix="mr-row"
          card={(m) => ({
            title: m.name,
            extra: stateTag(m),
            actions: rowActions.any ? [rowActions.renderActions(m)] : undefined,
            body: (
              <div className="mr-card-facts">
                <span>
                  {t('mr.idNumber')}：{idOf(m)}
                </span>
                <span>
                  {t('mr.phone')}：{phoneOf(m)}
                </span>
                <span>{m.orgName}</span>
                <span>
                  {t('mr.joinedOn')}：{m.joinedOn}
                </span>
              </div>
            ),
          })}
        />
      </Card>
      <MemberDialogs target={target} orgs={orgs} orgsLoading={orgsLoading} onClose={() => setTarget(null)} />
      {manage ? <MemberImportDialog open={importOpen} onClose={() => setImportOpen(false)} /> : null}
    </>
  );
}
