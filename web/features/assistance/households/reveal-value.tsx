import { useEffect, useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n';
import { useRevealHousehold } from '../core/hooks';
import { shortMask } from '../../../components/money/money';
import type { ReasonRequest } from '../../../components/dialogs/reason-dialog';

const SHOW_SECONDS = 30;

export interface RevealTarget {
  householdId: string;
  field: 'idNumber' | 'phone' | 'memberIdNumber';
  memberId?: string;
  /** Names the value in the dialog: “张三的身份证号”. */
  what: string;
}

/**
 * A masked ID number or phone with 查看 for those allowed: asks a reason (audited on the
 * server), shows the full value for 30 seconds, then masks it again. The value is kept in this
 * component only, never in the query cache.
 */
export function RevealValue({
  masked,
  canReveal,
  target,
  testId,
  askReason,
}: {
  masked: string | null;
  canReveal: boolean;
  target: RevealTarget;
  testId: string;
  askReason: (request: ReasonRequest) => void;
}) {
  const { t } = useI18n();
  const reveal = useRevealHousehold();
  const [shown, setShown] = useState<{ value: string; left: number } | null>(null);

  useEffect(() => {
    if (!shown) return;
    const timer = window.setTimeout(
      () => setShown((s) => (s && s.left > 1 ? { ...s, left: s.left - 1 } : null)),
      1000,
    );
    return () => window.clearTimeout(timer);
  }, [shown]);

  if (!masked) return <span>—</span>;
  const open = () =>
    askReason({
      title: t('reveal.title', { what: target.what }),
      note: t('reveal.note', { seconds: SHOW_SECONDS }),
      okText: t('reveal.submit'),
      reasonLabel: t('reveal.reason'),
      run: async ({ reason }) => {
        const { value } = await reveal.mutateAsync({
          id: target.householdId,
          body: {
            field: target.field,
            reason,
            ...(target.memberId ? { memberId: target.memberId } : {}),
          },
        });
        setShown({ value, left: SHOW_SECONDS });
      },
    });

  return (
    <Space size={4} wrap>
      <span className="uc-mono" data-testid={`${testId}-value`} data-revealed={shown ? 'true' : 'false'}>
        {shown ? shown.value : shortMask(masked)}
      </span>
      {shown ? (
        <Tooltip title={t('reveal.hideNow')}>
          <Button size="small" type="text" onClick={() => setShown(null)} data-testid={`${testId}-hide`}>
            {t('reveal.left', { seconds: shown.left })}
          </Button>
        </Tooltip>
      ) : canReveal ? (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={open} data-testid={testId}>
          {t('reveal.show')}
        </Button>
      ) : null}
    </Space>
  );
}
