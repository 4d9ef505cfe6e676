import type { ReactNode } from 'react';
import { Card, Empty, Space, Timeline, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type { HouseholdDetail } from '../../../../contracts/assistance';
import { useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import {
  CATEGORY_LABELS,
  EVENT_LABELS,
  EXCLUSION_LABELS,
  EXIT_KIND_LABELS,
  MATCH_LABELS,
  METHOD_LABELS,
  RULE_LABELS,
  VERIFY_RESULT_LABELS,
  VIA_LABELS,
} from '../core/labels';
import { useLabels } from '../core/use-labels';

type Event = HouseholdDetail['timeline'][number];

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const COLORS: Record<string, string> = {
  archived: 'red',
  approved: 'green',
  returned: 'orange',
  exited: 'gray',
  closed: 'gray',
  yearly_review: 'green',
};

/** 处理记录: what happened to the household, who did it and the details that matter, in order. */
export function HouseholdTimeline({ events }: { events: Event[] }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const colon = lang === 'zh' ? '：' : ': ';

  const details = (e: Event): ReactNode[] => {
    const s = e.summary;
    const out: ReactNode[] = [];
    const add = (label: string, value: string) => {
      if (value) out.push(`${label}${colon}${value}`);
    };
    switch (e.kind) {
      case 'screened':
        add(t('tl.method'), L(METHOD_LABELS, text(s.method)));
        add(t('tl.match'), L(MATCH_LABELS, text(s.match)));
        if (typeof s.needs === 'number')
          add(t('tl.needs'), t('tl.needCount', { n: s.needs, urgent: text(s.urgent) || '0' }));
        add(t('tl.routedTo'), text(s.routedTo));
        add(t('tl.via'), L(VIA_LABELS, text(s.via)));
        break;
      case 'verified':
        add(t('tl.result'), L(VERIFY_RESULT_LABELS, text(s.result)));
        if (typeof s.homeVisit === 'boolean')
          add(t('tl.homeVisit'), s.homeVisit ? t('common.yes') : t('common.no'));
        if (Array.isArray(s.exclusions) && s.exclusions.length)
          add(t('tl.exclusions'), s.exclusions.map((x) => L(EXCLUSION_LABELS, text(x))).join('、'));
        break;
      case 'archived':
        add(t('tl.archiveNo'), text(s.archiveNo));
        add(t('tl.category'), L(CATEGORY_LABELS, text(s.category)));
        add(t('tl.rule'), L(RULE_LABELS, text(s.rule)));
        break;
      case 'reported':
        add(t('tl.reportedTo'), text(s.to));
        break;
      case 'archive_fixed':
        add(t('tl.category'), L(CATEGORY_LABELS, text(s.category)));
        break;
      case 'yearly_review':
        add(t('tl.previousDue'), text(s.previousDue));
        break;
      case 'exited':
        add(t('tl.exitKind'), L(EXIT_KIND_LABELS, text(s.exitKind)));
        break;
      case 'merged':
        out.push(t('tl.mergedIn'));
        break;
      default:
        break;
    }
    if (typeof s.reason === 'string') add(t('tl.reason'), s.reason);
    return out;
  };

  const items = events.map((e, i) => {
    const kind = e.kind;
    return {
      key: `${e.at}-${i}`,
      color: COLORS[kind] ?? 'blue',
      content: (
        <div data-testid={`timeline-${kind}`}>
          <Space size={8} wrap>
            <Typography.Text strong>{L(EVENT_LABELS, kind)}</Typography.Text>
            {e.actorName ? <span>{e.actorName}</span> : null}
            <span className="uc-muted uc-small">{formatDateTime(e.at)}</span>
          </Space>
          {details(e).map((line, j) => (
            <div key={j} className="uc-small">
              {line}
            </div>
          ))}
        </div>
      ),
    };
  });

  return (
    <Card
      className="uc-card"
      title={
        <Space>
          <HistoryOutlined />
          {t('tl.title')}
        </Space>
      }
    >
      <div data-testid="timeline">
        {items.length ? <Timeline items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </div>
    </Card>
  );
}
