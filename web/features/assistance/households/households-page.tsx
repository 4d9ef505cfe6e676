import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Tooltip,
  type TableProps,
} from 'antd';
import { FileExcelOutlined, MobileOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { HouseholdUrlFilters, type HouseholdSummary } from '../../../../contracts/assistance';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { PagedTable } from '../../../components/list/paged-table';
import { useUrlFilters } from '../../../components/list/use-url-filters';
import { PageHeader } from '../../../components/page-header';
import { useFormErrors } from '../../../components/use-form-errors';
import { useSession } from '../../../components/session/session';
import { ExportButton } from './export-button';
import { useHomeDivision, useAllianceOrgs } from '../core/home-division';
import { useCampaigns, useDivisions, useHouseholds, type HouseholdQueryInput } from '../core/hooks';
import {
  HOUSEHOLD_URL_KEYS,
  SEARCH_FIELDS,
  householdFormOf,
  householdQuery,
  splitHouseholdForm,
  type HouseholdForm,
  type HouseholdSearch,
} from './household-filters';
import {
  ARCHIVE_STATE_COLORS,
  ARCHIVE_STATE_LABELS,
  CATEGORIES,
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  HOUSEHOLD_STATES,
  HOUSEHOLD_STATE_COLORS,
  HOUSEHOLD_STATE_LABELS,
  SITUATION_LABELS,
} from '../core/labels';
import { shortMask } from '../../../components/money/money';
import { canDo } from '../permissions';
import { ImportDialog } from '../screening/import-dialog';
import { useLabels } from '../core/use-labels';
import '../core/assistance.css';

type SortField = NonNullable<HouseholdQueryInput['sort']>;
const SORTABLE: readonly string[] = ['lastScreenedOn', 'headName', 'state'] satisfies SortField[];

/**
 * 困难职工户: every household the user may see, found by words, ID number, phone or archive number.
 * The filters that name no person live in the URL; the search only in this page's state, sent in
 * the POST body.
 */
export function HouseholdsPage() {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const showFormErrors = useFormErrors();
  const navigate = useNavigate();
  const [form] = Form.useForm<HouseholdForm>();
  const { filters, setFilters, reset, paging, onPage } = useUrlFilters(HouseholdUrlFilters, {
    keys: HOUSEHOLD_URL_KEYS,
  });
  const [search, setSearch] = useState<HouseholdSearch>({});
  const query = householdQuery(filters, search);
  const households = useHouseholds(query);
  const { orgs, loading: orgsLoading } = useAllianceOrgs();
  const campaigns = useCampaigns(canDo(me, 'alliance.plan_read'));
  const home = useHomeDivision();
  const streets = useDivisions(home.base);
  const [importOpen, setImportOpen] = useState(false);
  const { page: _page, pageSize: _pageSize, ...exportFilter } = query;

  // A refused search (a mistyped ID number) shows by the field that caused it.
  const searchError = households.error;
  useEffect(() => {
    if (isApiError(searchError) && searchError.fieldErrors.length > 0)
      showFormErrors(form, searchError, { fields: SEARCH_FIELDS });
  }, [searchError, form, showFormErrors]);

  // The form shows the URL's filters (a reload, the back button); the search fields keep theirs.
  useEffect(() => {
    form.setFieldsValue(householdFormOf(filters));
  }, [filters, form]);

  const apply = (values: HouseholdForm) => {
    form.setFields(SEARCH_FIELDS.map((name) => ({ name, errors: [] })));
    const { search: next, url } = splitHouseholdForm(values);
    setSearch(next);
    setFilters(url);
  };

  const sortOrder = (field: SortField) =>
    query.sort === field ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const headName = (h: HouseholdSummary) => (
    <Space size={4}>
      <Link to={`/alliance/households/${h.id}`} data-testid={`hh-link-${h.id}`}>
        {h.headName}
      </Link>
      {h.urgentOpen > 0 ? (
        <Tooltip title={t('hh.urgentOpen', { n: h.urgentOpen })}>
          <Badge count={h.urgentOpen} size="small" data-testid={`hh-urgent-${h.id}`} />
        </Tooltip>
      ) : null}
    </Space>
  );
  const address = (h: HouseholdSummary) => {
    const street = h.divisionName.split(/\s+/).slice(-1)[0] ?? '';
    return h.addressDetail.startsWith(street) ? h.addressDetail : `${street} ${h.addressDetail}`;
  };
  const stateTags = (h: HouseholdSummary) => (
    <Space size={4}>
      <Tag color={HOUSEHOLD_STATE_COLORS[h.state]}>{L(HOUSEHOLD_STATE_LABELS, h.state)}</Tag>
      {h.category ? <Tag color={CATEGORY_COLORS[h.category]}>{L(CATEGORY_LABELS, h.category)}</Tag> : null}
    </Space>
  );

  const columns: TableProps<HouseholdSummary>['columns'] = [
    {
      key: 'headName',
      title: t('hh.headName'),
      sorter: true,
      sortOrder: sortOrder('headName'),
      fixed: 'left',
      width: 130,
      render: (_, h) => headName(h),
    },
    {
      key: 'idNumber',
      title: t('hh.idNumber'),
      width: 120,
      render: (_, h) => <span className="uc-mono uc-nowrap">{shortMask(h.idNumberMasked) ?? '—'}</span>,
    },
    {
      key: 'phone',
      title: t('hh.phone'),
      width: 120,
      render: (_, h) => <span className="uc-mono uc-nowrap">{h.phoneMasked ?? '—'}</span>,
    },
    {
      key: 'address',
      title: t('hh.address'),
      width: 220,
      ellipsis: { showTitle: false },
      render: (_, h) => (
        <Tooltip title={`${h.divisionName} ${h.addressDetail}`} placement="topLeft">
          <span>{address(h)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'situation',
      title: t('hh.situation'),
      width: 150,
      ellipsis: true,
      render: (_, h) => L(SITUATION_LABELS, h.situation),
    },
    { key: 'size', title: t('hh.size'), dataIndex: 'householdSize', width: 90, align: 'right' },
    {
      key: 'state',
      title: t('hh.state'),
      sorter: true,
      sortOrder: sortOrder('state'),
      width: 190,
      render: (_, h) => stateTags(h),
    },
    {
      key: 'archive',
      title: t('hh.archiveNo'),
      width: 250,
      render: (_, h) =>
        h.archiveNo ? (
          <Space size={4}>
            <span className="uc-mono uc-nowrap">{h.archiveNo}</span>
            {h.archiveState ? (
              <Tag color={ARCHIVE_STATE_COLORS[h.archiveState]}>
                {L(ARCHIVE_STATE_LABELS, h.archiveState)}
              </Tag>
            ) : null}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      key: 'org',
      title: t('hh.responsibleOrg'),
      width: 150,
      ellipsis: true,
      render: (_, h) => h.responsibleOrgName ?? '—',
    },
    { key: 'screenings', title: t('hh.screenings'), dataIndex: 'screenings', width: 90, align: 'right' },
    {
      key: 'lastScreenedOn',
      title: t('hh.lastScreenedOn'),
      dataIndex: 'lastScreenedOn',
      sorter: true,
      sortOrder: sortOrder('lastScreenedOn'),
      width: 120,
    },
  ];

  const onSort = (key: string | undefined, order: 'ascend' | 'descend' | null) =>
    setFilters({
      sort: order && key && SORTABLE.includes(key) ? (key as SortField) : 'lastScreenedOn',
      order: order === 'ascend' ? 'asc' : 'desc',
    });

  return (
    <>
      <PageHeader
        title={t('hh.title')}
        extra={
          canDo(me, 'screening.create') ? (
            <>
              <Button href="/m" icon={<MobileOutlined />}>
                {t('nav.mobile')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                onClick={() => setImportOpen(true)}
                data-testid="hh-import"
              >
                {t('import.button')}
              </Button>
              <Link to="/alliance/screen">
                <Button type="primary" icon={<PlusOutlined />} data-testid="hh-new-screening">
                  {t('nav.screen')}
                </Button>
              </Link>
            </>
          ) : null
        }
      />
      <Card>
        <Form<HouseholdForm> form={form} layout="inline" className="uc-filters" onFinish={apply}>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('hh.search')}
              aria-label={t('hh.search')}
              style={{ width: 220 }}
              maxLength={50}
              data-testid="hh-search"
            />
          </Form.Item>
          {/* Finding a household by ID number or phone is audited and limited, and only for
              roles with household.search_identifier (volunteers find theirs by name or address). */}
          {canDo(me, 'household.search_identifier') ? (
            <>
              <Form.Item name="idNumber">
                <Input
                  allowClear
                  placeholder={t('hh.searchId')}
                  aria-label={t('hh.searchId')}
                  style={{ width: 190 }}
                  maxLength={18}
                  autoComplete="off"
                  data-testid="hh-search-id"
                />
              </Form.Item>
              <Form.Item name="phone">
                <Input
                  allowClear
                  placeholder={t('hh.searchPhone')}
                  aria-label={t('hh.searchPhone')}
                  style={{ width: 170 }}
                  maxLength={20}
                  autoComplete="off"
                  data-testid="hh-search-phone"
                />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="archiveNo">
            <Input
              allowClear
              placeholder={t('hh.archiveNo')}
              aria-label={t('hh.archiveNo')}
              style={{ width: 170 }}
              maxLength={40}
              data-testid="hh-search-archive"
            />
          </Form.Item>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('hh.state')}
              aria-label={t('hh.state')}
              style={{ width: 150 }}
              data-testid="hh-filter-state"
              options={HOUSEHOLD_STATES.map((s) => ({ value: s, label: L(HOUSEHOLD_STATE_LABELS, s) }))}
            />
          </Form.Item>
          <Form.Item name="category">
            <Select
              allowClear
              placeholder={t('hh.category')}
              aria-label={t('hh.category')}
              style={{ width: 130 }}
              data-testid="hh-filter-category"
              options={CATEGORIES.map((c) => ({ value: c, label: L(CATEGORY_LABELS, c) }))}
            />
          </Form.Item>
          <Form.Item name="orgId" style={{ minWidth: 200 }}>
            <OrgTreeSelect
              orgs={orgs}
              loading={orgsLoading}
              allowClear
              placeholder={t('hh.partnerOrg')}
              testId="hh-filter-org"
            />
          </Form.Item>
          {campaigns.data && campaigns.data.length > 0 ? (
            <Form.Item name="campaignId">
              <Select
                allowClear
                placeholder={t('hh.campaign')}
                aria-label={t('hh.campaign')}
                style={{ width: 180 }}
                data-testid="hh-filter-campaign"
                options={campaigns.data.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="divisionCode">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('hh.area')}
              aria-label={t('hh.area')}
              style={{ width: 150 }}
              loading={streets.isPending && Boolean(home.base)}
              data-testid="hh-filter-area"
              options={(streets.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
          <Form.Item name="urgentOnly" valuePropName="checked">
            <Checkbox data-testid="hh-filter-urgent">{t('hh.urgentOnly')}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="hh-search-submit">
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
              {canDo(me, 'household.read') ? <ExportButton filter={exportFilter} /> : null}
            </Space>
          </Form.Item>
        </Form>
        <PagedTable<HouseholdSummary>
          rows={households.data?.items ?? []}
          columns={columns}
          paging={{ ...paging, total: households.data?.total ?? 0 }}
          onPage={onPage}
          onSort={onSort}
          loading={households.isFetching}
          errorText={households.isError ? errorText(households.error) : undefined}
          scrollX={1650}
          onRowClick={(h) => navigate(`/alliance/households/${h.id}`)}
          testId="hh-table"
          rowTestIdPrefix="hh-row"
          card={(h) => ({
            title: headName(h),
            extra: stateTags(h),
            body: (
              <div className="uc-card-facts">
                <span className="uc-mono">
                  {t('hh.idNumber')}：{shortMask(h.idNumberMasked) ?? '—'}
                </span>
                <span className="uc-mono">
                  {t('hh.phone')}：{h.phoneMasked ?? '—'}
                </span>
                <span>{address(h)}</span>
                <span>{L(SITUATION_LABELS, h.situation)}</span>
                {h.archiveNo ? <span className="uc-mono">{h.archiveNo}</span> : null}
                <span>{h.responsibleOrgName ?? '—'}</span>
                <span>
                  {t('hh.lastScreenedOn')}：{h.lastScreenedOn}
                </span>
              </div>
            ),
          })}
        />
      </Card>
      {canDo(me, 'screening.create') ? (
        <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      ) : null}
    </>
  );
}
