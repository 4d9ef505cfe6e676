import type { ReactNode } from 'react';
import { Col, Row } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { DashboardData } from './dashboard-api';
import { count, yuan, type DrillTarget, type OnDrill } from './dashboard-parts';

type Tone = 'red' | 'blue' | 'green' | 'orange' | 'purple' | 'grey';

interface Part {
  /** dashboard-kpi-<name>-<part> */
  part: string;
  label: string;
  value: ReactNode;
  tone: Tone;
  target: DrillTarget;
}

interface KpiProps {
  name: string;
  title: string;
  value?: ReactNode;
  sub?: ReactNode;
  tone: Tone;
  target?: DrillTarget;
  /** Two numbers in one card (未解决 / 已解决): each opens its own list; the card opens the first. */
  parts?: Part[];
  onDrill: OnDrill;
  /** Instead of a drill-down: what a click does (帮扶总金额 leads to the routes chart). */
  onActivate?: () => void;
  hint?: string;
  wide?: boolean;
}

/** A KPI card; with a drill-down the whole card is a button, so a phone user taps anywhere on it. */
function Kpi({ name, title, value, sub, tone, target, parts, onDrill, onActivate, hint }: KpiProps) {
  const testId = `dashboard-kpi-${name}`;
  const body = (
    <>
      <span className="uc-kpi-title">{title}</span>
      {parts ? (
        <span className="uc-kpi-parts">
          {parts.map((p) =>
            onDrill ? (
              <button
                key={p.part}
                type="button"
                className={`uc-kpi-part uc-kpi-${p.tone}`}
                data-testid={`${testId}-${p.part}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onDrill(p.target);
                }}
              >
                <span className="uc-kpi-value">{p.value}</span>
                <span className="uc-kpi-sub">{p.label}</span>
              </button>
            ) : (
              <span key={p.part} className={`uc-kpi-part uc-kpi-${p.tone}`}>
                <span className="uc-kpi-value">{p.value}</span>
                <span className="uc-kpi-sub">{p.label}</span>
              </span>
            ),
          )}
        </span>
      ) : (
        <span className={`uc-kpi-value uc-kpi-${tone}`}>{value}</span>
      )}
      {sub ? <span className="uc-kpi-sub">{sub}</span> : null}
    </>
  );
  const first = target ?? parts?.[0]?.target;
  if (onDrill && onActivate) {
    return (
      <button
        type="button"
        className="uc-kpi uc-kpi-clickable"
        data-testid={testId}
        title={hint}
        onClick={onActivate}
      >
        {body}
      </button>
    );
  }
  if (!onDrill || !first) {
    return (
      <div className="uc-kpi" data-testid={testId}>
        {body}
      </div>
    );
  }
  if (parts) {
    // Buttons cannot hold buttons: the card is a plain box that forwards a click to the first number.
    return (
      <div className="uc-kpi uc-kpi-clickable" data-testid={testId} onClick={() => onDrill(first)}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className="uc-kpi uc-kpi-clickable"
      data-testid={testId}
      onClick={() => onDrill(first)}
    >
      {body}
    </button>
  );
}

function KpiGrid({ items, onDrill }: { items: Omit<KpiProps, 'onDrill'>[]; onDrill: OnDrill }) {
  return (
    <Row gutter={[12, 12]} className="uc-kpis">
      {items.map((item) => (
        <Col key={item.name} xs={item.wide ? 24 : 12} sm={12} md={8} lg={6} xxl={items.length > 4 ? 3 : 6}>
          <Kpi {...item} onDrill={onDrill} />
        </Col>
      ))}
    </Row>
  );
}

/** The federation's eight numbers, each opening the households behind it. */
export function FederationKpis({ data, onDrill }: { data: DashboardData; onDrill: OnDrill }) {
  const { t } = useI18n();
  const stage = (name: string) => data.funnel?.find((s) => s.stage === name)?.households ?? 0;
  const screened =
    data.funnel?.find((s) => s.stage === 'screened')?.households ??
    (data.screening?.byPartnerMethod ?? []).reduce((sum, r) => sum + r.households, 0);
  const value = data.valueByRoute.reduce((sum, r) => sum + r.valueFen, 0);
  const records = data.valueByRoute.reduce((sum, r) => sum + r.records, 0);
  const helped = data.valueByRoute.reduce((sum, r) => sum + r.households, 0);
  const exited = data.outOfDifficulty?.find((e) => e.exitKind === 'out_of_difficulty')?.households ?? 0;
  const items: Omit<KpiProps, 'onDrill'>[] = [
    {
      name: 'screened',
      title: t('dash.kpi.screened'),
      value: count(screened),
      tone: 'blue',
      target: { metric: 'funnel', key: 'screened' },
    },
    {
      name: 'archived',
      title: t('dash.kpi.archived'),
      value: count(stage('archived')),
      tone: 'red',
      target: { metric: 'funnel', key: 'archived' },
    },
    {
      name: 'approved',
      title: t('dash.kpi.approved'),
      value: count(stage('approved')),
      tone: 'green',
      target: { metric: 'funnel', key: 'approved' },
    },
    {
      // 上报 → 退回: the archives the region sent back, waiting to be corrected.
      name: 'returned',
      title: t('dash.kpi.reportedReturned'),
      tone: 'orange',
      parts: [
        {
          part: 'reported',
          label: t('dash.kpi.reported'),
          value: count(data.archivesReturned?.reported ?? 0),
          tone: 'blue',
          target: { metric: 'funnel', key: 'reported' },
        },
        {
          part: 'returned',
          label: t('dash.kpi.returned'),
          value: count(data.archivesReturned?.returned ?? 0),
          tone: 'red',
          target: { metric: 'funnel', key: 'returned' },
        },
      ],
    },
    {
      name: 'urgent',
      title: t('dash.kpi.urgent'),
      tone: 'red',
      parts: [
        {
          part: 'open',
          label: t('dash.kpi.open'),
          value: count(data.urgentNeeds?.open ?? 0),
          tone: 'red',
          target: { metric: 'urgent', key: 'open' },
        },
        {
          part: 'solved',
          label: t('dash.kpi.solved'),
          value: count(data.urgentNeeds?.solved ?? 0),
          tone: 'green',
          target: { metric: 'urgent', key: 'solved' },
        },
      ],
    },
    {
      name: 'value',
      title: t('dash.kpi.value'),
      value: yuan(value),
      sub: t('dash.kpi.valueSub', { n: count(records), h: count(helped) }),
      tone: 'orange',
      // The drill-down takes one route at a time: the routes chart lists each with its link.
      onActivate: () => {
        const card = document.querySelector<HTMLElement>('[data-testid="dashboard-chart-routes"]');
        card?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        card
          ?.querySelector<HTMLElement>('[data-testid^="dashboard-drill-route-"]')
          ?.focus({ preventScroll: true });
      },
      hint: t('dash.kpi.valueHint'),
      wide: true,
    },
    {
      name: 'visits',
      title: t('dash.kpi.visits'),
      tone: 'blue',
      parts: [
        {
          part: 'due',
          label: t('dash.kpi.due'),
          value: count(data.visits?.due ?? 0),
          tone: 'blue',
          target: { metric: 'visits', key: 'due' },
        },
        {
          part: 'overdue',
          label: t('dash.kpi.overdue'),
          value: count(data.visits?.overdue ?? 0),
          tone: 'red',
          target: { metric: 'visits', key: 'overdue' },
        },
      ],
    },
    {
      name: 'exited',
      title: t('dash.kpi.exited'),
      value: count(exited),
      tone: 'green',
      target: { metric: 'exited', key: 'out_of_difficulty' },
    },
  ];
  return <KpiGrid items={items} onDrill={onDrill} />;
}

/** A caring unit's own contribution: what it offered, what was used, the value delivered. No drill-down. */
export function CaringUnitKpis({ data }: { data: DashboardData }) {
  const { t } = useI18n();
  const sum = (pick: (r: DashboardData['resources'][number]) => number) =>
    data.resources.reduce((total, r) => total + pick(r), 0);
  const value = data.valueByRoute.reduce((total, r) => total + r.valueFen, 0);
  const records = data.valueByRoute.reduce((total, r) => total + r.records, 0);
  const households = data.valueByRoute.reduce((total, r) => total + r.households, 0);
  const items: Omit<KpiProps, 'onDrill'>[] = [
    {
      name: 'resources',
      title: t('dash.kpi.resources'),
      value: count(sum((r) => r.quantity)),
      sub: t('dash.kpi.resourcesSub', { n: count(data.resources.length) }),
      tone: 'blue',
    },
    {
      name: 'delivered',
      title: t('dash.kpi.delivered'),
      value: count(sum((r) => r.delivered)),
      sub: t('dash.kpi.deliveredSub', { q: count(sum((r) => r.quantity)), r: count(sum((r) => r.reserved)) }),
      tone: 'green',
    },
    {
      name: 'served',
      title: t('dash.kpi.served'),
      value: count(households || sum((r) => r.households)),
      tone: 'purple',
    },
    {
      name: 'value',
      title: t('dash.kpi.unitValue'),
      value: yuan(value || sum((r) => r.valueFen)),
      sub: records > 0 ? t('dash.kpi.valueSub', { n: count(records), h: count(households) }) : undefined,
      tone: 'orange',
    },
  ];
  return <KpiGrid items={items} onDrill={undefined} />;
}
