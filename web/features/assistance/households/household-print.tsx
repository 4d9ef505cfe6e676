import { useEffect, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Button, Result, Skeleton } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import type { HouseholdHelp } from '../../../../contracts/help';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { NotFoundResult } from '../../../components/status-results';
import { useAssessment, useHousehold } from '../core/hooks';
import {
  ARCHIVE_STATE_LABELS,
  CATEGORY_LABELS,
  CAUSE_LABELS,
  EXIT_KIND_LABELS,
  NEED_LABELS,
  NEED_STATUS_LABELS,
  RELATION_LABELS,
  RULE_LABELS,
  SITUATION_LABELS,
  TIER_LABELS,
  URGENCY_LABELS,
} from '../core/labels';
import { formatYuan, shortMask } from '../../../components/money/money';
import { useLabels } from '../core/use-labels';
import { useHouseholdHelp } from '../core/help-api';
import { todayInChina } from '../core/help-common';
import {
  HELP_KIND_LABELS,
  HELP_ROUTES,
  HELP_ROUTE_LABELS,
  MEASURE_KIND_LABELS,
  MEASURE_POLICY_LABELS,
  MEASURE_STATE_LABELS,
  VISIT_CHANGE_LABELS,
  VISIT_REASON_LABELS,
  VISIT_STATE_LABELS,
} from '../core/help-labels';
import './print.css';

const day = (iso: string | null | undefined) => formatDateTime(iso).slice(0, 10);

function Section({ no, title, children }: { no: string; title: string; children: ReactNode }) {
  return (
    <section className="hp-section">
      <h2 className="hp-section-title">
        {no}、{title}
      </h2>
      {children}
    </section>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="hp-empty">{text}</p>;
}

/** 困难职工档案 on one A4 sheet (or more): the household, its archive and everything given. */
function HouseholdFile({ h, help }: { h: HouseholdDetail; help: HouseholdHelp }) {
  // Before an archive the calculator's figure on today's standard: (income − rigid expenses) ÷ 12 ÷ people.
  const assessment = useAssessment(h.id, !h.archive);
  const { t, lang } = useI18n();
  const L = useLabels();
  const yuan = (fen: number | null | undefined) => formatYuan(fen, lang);
  const a = h.archive;
  const causes = a ? [a.primaryCause, ...a.secondaryCauses] : h.causes;
  const ledger = [...help.ledger].sort((x, y) => x.givenOn.localeCompare(y.givenOn));
  const visits = [...help.visits].sort((x, y) =>
    (x.visitedOn ?? x.dueOn).localeCompare(y.visitedOn ?? y.dueOn),
  );
  const needs = [...h.needs].sort(
    (x, y) =>
      (x.status === 'open' ? 0 : 1) - (y.status === 'open' ? 0 : 1) ||
      (x.urgency === 'urgent' ? 0 : 1) - (y.urgency === 'urgent' ? 0 : 1),
  );
  const monthlyPerCapita = a?.perCapitaFen ?? assessment.data?.perCapitaMonthlyFen ?? null;

  return (
    <article className="hp-sheet" data-testid="print-sheet">
      <header className="hp-header">
        <h1 className="hp-title" data-testid="print-title">
          {t('hhPrint.title')}
        </h1>
        <div className="hp-meta">
          <span>
            {t('hhPrint.archiveNo')}：
            <strong className="hp-mono" data-testid="print-archive-no">
              {a?.archiveNo ?? t('hhPrint.notArchived')}
            </strong>
          </span>
          <span>
            {t('hhPrint.unit')}：{h.responsibleOrgName ?? '—'}
          </span>
          <span>
            {t('hhPrint.archivedOn')}：{a ? day(a.createdAt) : '—'}
          </span>
        </div>
      </header>

      <Section no="一" title={t('hhPrint.head')}>
        <table className="hp-grid">
          <tbody>
            <tr>
              <th>{t('hh.headName')}</th>
              <td data-testid="print-head-name">{h.headName}</td>
              <th>{t('hh.idNumber')}</th>
              <td className="hp-mono" data-testid="print-id">
                {shortMask(h.idNumberMasked) ?? '—'}
              </td>
            </tr>
            <tr>
              <th>{t('hh.phone')}</th>
              <td className="hp-mono" data-testid="print-phone">
                {h.phoneMasked ?? '—'}
              </td>
              <th>{t('hh.situation')}</th>
              <td>{L(SITUATION_LABELS, h.situation)}</td>
            </tr>
            <tr>
              <th>{t('hh.division')}</th>
              <td>{h.divisionName}</td>
              <th>{t('hh.size')}</th>
              <td>{t('hh.people', { n: h.householdSize })}</td>
            </tr>
            <tr>
              <th>{t('hh.addressDetail')}</th>
              <td colSpan={3}>{h.addressDetail}</td>
            </tr>
          </tbody>
        </table>
      </Section>

      <Section no="二" title={t('hhPrint.members')}>
        {h.members.length ? (
          <table className="hp-table">
            <thead>
              <tr>
                <th>{t('hh.relation')}</th>
                <th>{t('hh.name')}</th>
                <th>{t('hh.idNumber')}</th>
                <th>{t('hh.age')}</th>
                <th>{t('hh.school')}</th>
                <th>{t('hh.health')}</th>
                <th>{t('hh.work')}</th>
                <th className="hp-num">{t('hh.monthlyIncome')}</th>
              </tr>
            </thead>
            <tbody>
              {h.members.map((m) => (
                <tr key={m.id}>
                  <td>{L(RELATION_LABELS, m.relation)}</td>
                  <td>{m.name}</td>
                  <td className="hp-mono">{shortMask(m.idNumberMasked) ?? '—'}</td>
                  <td>{m.age ?? '—'}</td>
                  <td>{m.school ?? '—'}</td>
                  <td>{m.health ?? '—'}</td>
                  <td>{m.work ?? '—'}</td>
                  <td className="hp-num">{m.monthlyIncomeFen === null ? '—' : yuan(m.monthlyIncomeFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty text={t('hh.noMembers')} />
        )}
      </Section>

      <Section no="三" title={t('hhPrint.money')}>
        <table className="hp-grid">
          <tbody>
            <tr>
              <th>{t('hh.annualIncome')}</th>
              <td className="hp-num">{yuan(h.annualIncomeFen)}</td>
              <th>{t('hh.rigidExpense')}</th>
              <td className="hp-num">{yuan(h.rigidExpenseFen)}</td>
            </tr>
            <tr>
              <th>{t('hhPrint.perCapita')}</th>
              <td className="hp-num">{yuan(monthlyPerCapita)}</td>
              <th>{t('hh.suddenEvent')}</th>
              <td>{h.suddenEvent || '—'}</td>
            </tr>
          </tbody>
        </table>
      </Section>

      <Section no="四" title={t('hhPrint.category')}>
        <table className="hp-grid">
          <tbody>
            <tr>
              <th>{t('hh.category')}</th>
              <td data-testid="print-category">{a ? L(CATEGORY_LABELS, a.category) : '—'}</td>
              <th>{t('hhPrint.tier')}</th>
              <td>{a ? L(TIER_LABELS, a.tier) : '—'}</td>
            </tr>
            <tr>
              <th>{t('hhPrint.archiveState')}</th>
              <td>
                {a ? L(ARCHIVE_STATE_LABELS, a.state) : '—'}
                {a?.exitKind ? `（${L(EXIT_KIND_LABELS, a.exitKind)}）` : ''}
              </td>
              <th>{t('hhPrint.reviewDue')}</th>
              <td>{a?.reviewDueOn ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('hh.causes')}</th>
              <td colSpan={3}>
                {causes.length
                  ? causes
                      .map((c, i) =>
                        a && i === 0
                          ? `${L(CAUSE_LABELS, c)}（${t('hhPrint.primary')}）`
                          : L(CAUSE_LABELS, c),
                      )
                      .join('、')
                  : '—'}
              </td>
            </tr>
            {a ? (
              <tr>
                <th>{t('hhPrint.explanation')}</th>
                <td colSpan={3}>
                  <p className="hp-rule">
                    {L(RULE_LABELS, a.explanation.rule)}（{a.explanation.year}）
                  </p>
                  <ol className="hp-steps">
                    {a.explanation.steps.map((s, i) => (
                      <li key={i}>{lang === 'zh' ? s.zh : s.en}</li>
                    ))}
                  </ol>
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Section>

      <Section no="五" title={t('hhPrint.needs')}>
        {needs.length ? (
          <table className="hp-table">
            <thead>
              <tr>
                <th>{t('hhPrint.needKind')}</th>
                <th>{t('hhPrint.urgency')}</th>
                <th>{t('hhPrint.needText')}</th>
                <th>{t('hhHelp.state')}</th>
              </tr>
            </thead>
            <tbody>
              {needs.map((n) => (
                <tr key={n.id}>
                  <td className="hp-nowrap">{L(NEED_LABELS, n.kind)}</td>
                  <td className="hp-nowrap">{L(URGENCY_LABELS, n.urgency)}</td>
                  <td>{n.description}</td>
                  <td className="hp-nowrap">{L(NEED_STATUS_LABELS, n.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty text={t('hh.noNeeds')} />
        )}
      </Section>

      <Section no="六" title={t('hhPrint.ledger')}>
        {ledger.length ? (
          <table className="hp-table" data-testid="print-ledger">
            <thead>
              <tr>
                <th>{t('hhHelp.givenOn')}</th>
                <th>{t('hhHelp.route')}</th>
                <th>{t('hhHelp.kind')}</th>
                <th>{t('hhHelp.what')}</th>
                <th>{t('hhHelp.giver')}</th>
                <th className="hp-num">{t('hhHelp.value')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((r) => (
                <tr key={r.id}>
                  <td className="hp-nowrap">{r.givenOn}</td>
                  <td className="hp-nowrap">
                    {r.provisional ? t('hhHelp.provisional') : L(HELP_ROUTE_LABELS, r.route)}
                  </td>
                  <td className="hp-nowrap">{L(HELP_KIND_LABELS, r.kind)}</td>
                  <td>{r.what}</td>
                  <td>{r.givenByName}</td>
                  <td className="hp-num">{yuan(r.valueFen)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={5}>
                  {t('hhHelp.totalAll')}（{t('hhPrint.records', { n: help.totals.count })}）：
                  {HELP_ROUTES.filter((route) => help.totals.byRoute[route] > 0)
                    .map((route) => `${L(HELP_ROUTE_LABELS, route)} ${yuan(help.totals.byRoute[route])}`)
                    .join('；')}
                </td>
                <td className="hp-num" data-testid="print-ledger-total">
                  <strong>{yuan(help.totals.valueFen)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        ) : (
          <Empty text={t('hhHelp.ledgerEmpty')} />
        )}
      </Section>

      <Section no="七" title={t('hhPrint.plan')}>
        {help.measures.length ? (
          <table className="hp-table">
            <thead>
              <tr>
                <th>{t('hhHelp.policy')}</th>
                <th>{t('hhHelp.measure')}</th>
                <th>{t('hhHelp.responsibleOrg')}</th>
                <th>{t('hhHelp.dueOn')}</th>
                <th>{t('hhHelp.state')}</th>
                <th className="hp-num">{t('hhHelp.value')}</th>
              </tr>
            </thead>
            <tbody>
              {help.measures.map((m) => (
                <tr key={m.id}>
                  <td className="hp-nowrap">{L(MEASURE_POLICY_LABELS, m.policy)}</td>
                  <td>
                    {L(MEASURE_KIND_LABELS, m.kind)}：{m.description}
                  </td>
                  <td>{m.responsibleOrgName}</td>
                  <td className="hp-nowrap">{m.dueOn}</td>
                  <td className="hp-nowrap">
                    {L(MEASURE_STATE_LABELS, m.state)}
                    {m.doneOn ? ` ${m.doneOn}` : ''}
                    {m.overdue ? `（${t('hhHelp.overdue')}）` : ''}
                  </td>
                  <td className="hp-num">{yuan(m.valueFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty text={t('hhHelp.planEmpty')} />
        )}
      </Section>

      <Section no="八" title={t('hhPrint.visits')}>
        {visits.length ? (
          <table className="hp-table">
            <thead>
              <tr>
                <th>{t('hhPrint.visitDate')}</th>
                <th>{t('hhPrint.visitReason')}</th>
                <th>{t('hhHelp.visitors')}</th>
                <th>{t('hhHelp.visitChange')}</th>
                <th>{t('hhHelp.satisfaction')}</th>
                <th>{t('hhHelp.householdWords')}</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => (
                <tr key={v.id}>
                  <td className="hp-nowrap">
                    {v.visitedOn ?? `${v.dueOn}（${L(VISIT_STATE_LABELS, v.state)}）`}
                  </td>
                  <td className="hp-nowrap">{L(VISIT_REASON_LABELS, v.reason)}</td>
                  <td>{v.visitors ?? v.assigneeOrgName}</td>
                  <td className="hp-nowrap">{v.change ? L(VISIT_CHANGE_LABELS, v.change) : '—'}</td>
                  <td className="hp-nowrap">
                    {v.satisfaction !== null
                      ? '★'.repeat(v.satisfaction) + '☆'.repeat(5 - v.satisfaction)
                      : '—'}
                  </td>
                  <td>
                    {v.householdWords ?? '—'}
                    {v.openNeeds ? (
                      <div className="hp-sub">
                        {t('hhHelp.openNeeds')}：{v.openNeeds}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty text={t('hhHelp.visitsEmpty')} />
        )}
      </Section>

      <footer className="hp-signatures">
        <div className="hp-sign">
          <span>{t('hhPrint.filledBy')}</span>
          <span className="hp-line" />
        </div>
        <div className="hp-sign">
          <span>{t('hhPrint.reviewedBy')}</span>
          <span className="hp-line" />
        </div>
        <div className="hp-sign hp-seal">
          <span>{t('hhPrint.seal')}</span>
          <span className="hp-seal-box" />
        </div>
        <div className="hp-sign">
          <span>{t('hhPrint.date')}</span>
          <span className="hp-line hp-date-line">{t('hhPrint.dateBlank')}</span>
        </div>
      </footer>
      <p className="hp-printed">{t('hhPrint.printedOn', { date: todayInChina() })}</p>
    </article>
  );
}

/** /print/households/:id — the household file laid out like the 困难职工档案 form, for A4. */
export function HouseholdPrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const errorText = useErrorText();
  const household = useHousehold(id);
  const help = useHouseholdHelp(id);

  useEffect(() => {
    const previous = document.title;
    if (household.data) document.title = `${t('hhPrint.title')} · ${household.data.headName}`;
    return () => {
      document.title = previous;
    };
  }, [household.data, t]);

  const failed = household.error ?? help.error;
  if (household.isPending || help.isPending) {
    return (
      <div className="hp-page">
        <div className="hp-sheet">
          <Skeleton active paragraph={{ rows: 16 }} />
        </div>
      </div>
    );
  }
  if (failed) {
    if (isApiError(failed) && failed.status === 404) return <NotFoundResult />;
    return (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={errorText(failed)}
        extra={
          <Button
            type="primary"
            onClick={() => {
              void household.refetch();
              void help.refetch();
            }}
          >
            {t('error.retry')}
          </Button>
        }
      />
    );
  }
  if (!household.data || !help.data) return null;

  return (
    <div className="hp-page">
      <div className="hp-toolbar">
        <span className="hp-toolbar-note">{t('hhPrint.hint')}</span>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="print-button"
        >
          {t('hhPrint.print')}
        </Button>
      </div>
      <HouseholdFile h={household.data} help={help.data} />
    </div>
  );
}
