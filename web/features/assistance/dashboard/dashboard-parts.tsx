import type { ReactNode } from 'react';
import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { saveDownload } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import {
  useDashboardExport,
  type DashboardChartName,
  type DashboardFilters,
  type DrillMetricName,
} from './dashboard-api';

/** One number the user can open: the list of households behind it. */
export interface DrillTarget {
  metric: DrillMetricName;
  key: string;
  /** A narrower period than the filter (one week of the line chart). */
  from?: string;
  to?: string;
}
/** Undefined where there is no drill-down (a caring unit's own view). */
export type OnDrill = ((target: DrillTarget) => void) | undefined;

/** `¥12,345.6`: whole yuan with the fen only when there are some. */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}

export const count = (n: number) => n.toLocaleString('en-US');

export const drillTestId = (target: DrillTarget) =>
  `dashboard-drill-${target.metric}-${target.key.replace(/^:$/, '') || 'all'}${target.from ? `-${target.from}` : ''}`;

/** A figure under a chart: a link that opens the drill-down, or plain text where there is none. */
export function DrillNumber({
  target,
  onDrill,
  children,
}: {
  target: DrillTarget;
  onDrill: OnDrill;
  children: ReactNode;
}) {
  if (!onDrill) return <span className="uc-dash-num">{children}</span>;
  return (
    <Button
      type="link"
      size="small"
      className="uc-dash-num uc-dash-link"
      onClick={() => onDrill(target)}
      data-testid={drillTestId(target)}
    >
      {children}
    </Button>
  );
}

/** 导出 Excel for one chart, or 导出全部 without a chart. */
export function DashboardExportButton({
  filters,
  chart,
  testId,
  primary,
}: {
  filters: DashboardFilters;
  chart?: DashboardChartName;
  testId: string;
  primary?: boolean;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const run = useDashboardExport();
  const label = chart ? t('dash.export') : t('dash.exportAll');
  return (
    <Tooltip title={chart ? undefined : t('export.note')}>
      <Button
        size={primary ? 'middle' : 'small'}
        type={primary ? 'primary' : 'default'}
        icon={<DownloadOutlined />}
        loading={run.isPending}
        aria-label={label}
        data-testid={testId}
        onClick={() =>
          run.mutate(
            { filters, chart },
            {
              onSuccess: (file) => saveDownload(file, t('dash.exportName')),
              onError: (err) => void message.error(errorText(err)),
            },
          )
        }
      >
        <span className={chart ? 'uc-dash-export-text' : undefined}>{label}</span>
      </Button>
    </Tooltip>
  );
}
