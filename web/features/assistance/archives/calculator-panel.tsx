import { Link } from 'react-router';
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { CalculatorOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { Assessment } from '../../../../contracts/assistance';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useAssessment } from '../core/hooks';
import { CATEGORY_COLORS, CATEGORY_LABELS, EXCLUSION_LABELS, RULE_LABELS, TIER_LABELS } from '../core/labels';
import { formatYuan } from '../../../components/money/money';
import { NARROW_COLUMNS } from '../core/layout';
import { useLabels } from '../core/use-labels';

/** The verdict in one line: eligible with its category and tier, or the rule that said no. */
export function Verdict({
  assessment,
  testId = 'calc-verdict',
}: {
  assessment: Assessment;
  testId?: string;
}) {
  const { t } = useI18n();
  const L = useLabels();
  return (
    <Alert
      type={assessment.eligible ? 'success' : 'warning'}
      showIcon
      icon={assessment.eligible ? <CheckCircleFilled /> : <CloseCircleFilled />}
      data-testid={testId}
      data-eligible={String(assessment.eligible)}
      data-category={assessment.category ?? ''}
      title={
        assessment.eligible && assessment.category ? (
          <Space size={6} wrap>
            <span>{t('calc.eligible')}</span>
            <Tag color={CATEGORY_COLORS[assessment.category]}>{L(CATEGORY_LABELS, assessment.category)}</Tag>
            {assessment.tier ? <Tag>{L(TIER_LABELS, assessment.tier)}</Tag> : null}
          </Space>
        ) : (
          t('calc.notEligible')
        )
      }
      description={L(RULE_LABELS, assessment.rule)}
    />
  );
}

/** Every step of the calculator's working, in the order the standard applies them. */
export function AssessmentSteps({ assessment }: { assessment: Assessment }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  return (
    <>
      <Descriptions
        size="small"
        column={NARROW_COLUMNS}
        className="uc-calc-figures"
        items={[
          {
            key: 'perCapita',
            label: t('calc.perCapita'),
            children: (
              <strong data-testid="calc-per-capita">
                {formatYuan(assessment.perCapitaMonthlyFen, lang)}
              </strong>
            ),
          },
          { key: 'year', label: t('calc.year'), children: assessment.year },
          { key: 'min', label: t('calc.minLiving'), children: formatYuan(assessment.minLivingFen, lang) },
          {
            key: 'relative',
            label: t('calc.relativeLine'),
            children: formatYuan(assessment.relativeLimitFen, lang),
          },
          ...(assessment.exclusions.length
            ? [
                {
                  key: 'exclusions',
                  label: t('calc.exclusions'),
                  children: assessment.exclusions.map((e) => L(EXCLUSION_LABELS, e)).join('；'),
                },
              ]
            : []),
        ]}
      />
      <Typography.Text type="secondary" className="uc-calc-steps-title">
        {t('calc.steps')}
      </Typography.Text>
      <ol className="uc-calc-steps" data-testid="calc-steps">
        {assessment.steps.map((step, i) => (
          <li key={i}>{step[lang]}</li>
        ))}
      </ol>
    </>
  );
}

/** 建档测算: the archive standard applied to the household's current figures, with its working. */
export function CalculatorPanel({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const assessment = useAssessment(householdId);
  const noStandard = isApiError(assessment.error) && assessment.error.code === 'archive.no_standard';

  return (
    <Card
      title={
        <Space>
          <CalculatorOutlined />
          {t('calc.title')}
        </Space>
      }
      data-testid="calc-panel"
      className="uc-card"
    >
      {assessment.isPending ? <Skeleton active paragraph={{ rows: 4 }} /> : null}
      {assessment.isError ? (
        <Alert
          type={noStandard ? 'info' : 'error'}
          showIcon
          data-testid="calc-verdict"
          data-eligible="unknown"
          title={noStandard ? t('calc.noStandard') : errorText(assessment.error)}
          description={
            noStandard ? <Link to="/alliance/setup?tab=standards">{t('calc.setStandard')}</Link> : undefined
          }
        />
      ) : null}
      {assessment.data ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Verdict assessment={assessment.data} />
          <AssessmentSteps assessment={assessment.data} />
          <Typography.Text type="secondary" className="uc-small">
            {t('calc.note')}
          </Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}
