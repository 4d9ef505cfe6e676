import { Alert, Descriptions, Space, Tag } from 'antd';
import type { ArchiveView } from '../../../../contracts/assistance';
import { useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import {
  ARCHIVE_STATE_COLORS,
  ARCHIVE_STATE_LABELS,
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  CAUSE_LABELS,
  EXIT_KIND_LABELS,
  TIER_LABELS,
} from '../core/labels';
import { formatYuan } from '../../../components/money/money';
import { NARROW_COLUMNS } from '../core/layout';
import { useLabels } from '../core/use-labels';

/** An archive's facts: number, state, category and tier, causes, review date, the return reason if any. */
export function ArchiveFacts({ archive }: { archive: ArchiveView }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {archive.state === 'returned' && archive.returnReason ? (
        <Alert
          type="warning"
          showIcon
          title={t('archive.returnReason')}
          description={archive.returnReason}
          data-testid="archive-return-reason-shown"
        />
      ) : null}
      <Descriptions
        size="small"
        column={NARROW_COLUMNS}
        items={[
          {
            key: 'no',
            label: t('hh.archiveNo'),
            children: (
              <span className="uc-mono" data-testid="archive-no">
                {archive.archiveNo}
              </span>
            ),
          },
          {
            key: 'state',
            label: t('archive.state'),
            children: (
              <Tag color={ARCHIVE_STATE_COLORS[archive.state]} data-testid="archive-state">
                {L(ARCHIVE_STATE_LABELS, archive.state)}
              </Tag>
            ),
          },
          {
            key: 'category',
            label: t('hh.category'),
            children: (
              <Tag color={CATEGORY_COLORS[archive.category]}>{L(CATEGORY_LABELS, archive.category)}</Tag>
            ),
          },
          { key: 'tier', label: t('archive.tier'), children: L(TIER_LABELS, archive.tier) },
          { key: 'perCapita', label: t('calc.perCapita'), children: formatYuan(archive.perCapitaFen, lang) },
          {
            key: 'primary',
            label: t('archive.primaryCause'),
            children: L(CAUSE_LABELS, archive.primaryCause),
          },
          {
            key: 'secondary',
            label: t('archive.secondaryCauses'),
            children: archive.secondaryCauses.length
              ? archive.secondaryCauses.map((c) => L(CAUSE_LABELS, c)).join('、')
              : '—',
          },
          { key: 'due', label: t('archive.reviewDue'), children: archive.reviewDueOn },
          ...(archive.reportedAt
            ? [
                {
                  key: 'reported',
                  label: t('archive.reported'),
                  children: `${archive.reportedToName ?? ''} ${formatDateTime(archive.reportedAt)}`,
                },
              ]
            : []),
          ...(archive.reviewedAt
            ? [
                {
                  key: 'reviewed',
                  label: t('archive.reviewedAt'),
                  children: formatDateTime(archive.reviewedAt),
                },
              ]
            : []),
          ...(archive.exitKind
            ? [
                {
                  key: 'exit',
                  label: t('archive.exit'),
                  children: `${L(EXIT_KIND_LABELS, archive.exitKind)}：${archive.exitReason ?? ''}`,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
