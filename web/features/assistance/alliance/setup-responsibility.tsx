import { useEffect, useState } from 'react';
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import type { PartnerKind, Situation } from '../../../../contracts/assistance';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useSession } from '../../../components/session/session';
import { useResponsibility, useSetResponsibility } from '../core/hooks';
import { PARTNER_KINDS, PARTNER_KIND_LABELS, SITUATION_LABELS } from '../core/labels';
import { canDo } from '../permissions';
import { useLabels } from '../core/use-labels';

/** 分工: which kind of partner screens which kind of worker; new households are routed by it. */
export function ResponsibilityTab() {
  const me = useSession();
  const { t } = useI18n();
  const L = useLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const table = useResponsibility();
  const save = useSetResponsibility();
  const manage = canDo(me, 'alliance.manage');
  const [draft, setDraft] = useState<Record<string, PartnerKind>>({});

  useEffect(() => {
    if (table.data) setDraft(Object.fromEntries(table.data.map((r) => [r.situation, r.partnerKind])));
  }, [table.data]);

  const changed = (table.data ?? []).some((r) => draft[r.situation] && draft[r.situation] !== r.partnerKind);

  const onSave = () =>
    save.mutate(
      {
        items: (table.data ?? []).map((r) => ({
          situation: r.situation,
          partnerKind: draft[r.situation] ?? r.partnerKind,
        })),
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (err) => void message.error(errorText(err)),
      },
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('resp.intro')} />
      <Table<{ situation: Situation; partnerKind: PartnerKind }>
        rowKey="situation"
        loading={table.isFetching}
        dataSource={table.data ?? []}
        pagination={false}
        locale={table.isError ? { emptyText: errorText(table.error) } : undefined}
        data-testid="resp-table"
        columns={[
          {
            key: 'situation',
            title: t('resp.situation'),
            render: (_, r) => L(SITUATION_LABELS, r.situation),
          },
          {
            key: 'partner',
            title: t('resp.partner'),
            width: 260,
            render: (_, r) =>
              manage ? (
                <Select<PartnerKind>
                  value={draft[r.situation] ?? r.partnerKind}
                  onChange={(value) => setDraft((d) => ({ ...d, [r.situation]: value }))}
                  style={{ width: 220 }}
                  aria-label={`${L(SITUATION_LABELS, r.situation)} · ${t('resp.partner')}`}
                  data-testid={`resp-${r.situation}`}
                  options={PARTNER_KINDS.map((k) => ({ value: k, label: L(PARTNER_KIND_LABELS, k) }))}
                />
              ) : (
                <Typography.Text>{L(PARTNER_KIND_LABELS, r.partnerKind)}</Typography.Text>
              ),
          },
        ]}
      />
      {manage ? (
        <Space>
          <Button
            type="primary"
            disabled={!changed}
            loading={save.isPending}
            onClick={onSave}
            data-testid="resp-save"
          >
            {t('common.save')}
          </Button>
          <Button
            disabled={!changed || save.isPending}
            onClick={() =>
              setDraft(Object.fromEntries((table.data ?? []).map((r) => [r.situation, r.partnerKind])))
            }
          >
            {t('common.reset')}
          </Button>
        </Space>
      ) : null}
    </Space>
  );
}
