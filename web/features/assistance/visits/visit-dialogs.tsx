import { FormDialog } from '../../../components/dialogs/form-dialog';
import { Alert, App, Button, Col, DatePicker, Form, Input, Radio, Rate, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { VisitView } from '../../../../contracts/help';
import { useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import { useAllianceMembers } from '../core/hooks';
import type { ReasonRequest } from '../../../components/dialogs/reason-dialog';
import { useLabels } from '../core/use-labels';
import { useSession } from '../../../components/session/session';
import { useRecordVisit, useReopenArchive } from '../core/help-api';
import { DAY } from '../core/help-common';
import { notInFuture, todayPick } from '../help/household-help-common';
import {
  VISIT_CHANGES,
  VISIT_CHANGE_LABELS,
  VISIT_REASON_LABELS,
  type VisitChange,
} from '../core/help-labels';

/**
 * 回访 pieces both the household's help section and the visits page use: recording a visit,
 * picking an alliance member, and 重新开档 after a relapse.
 */

export const CHANGE_COLORS: Readonly<Record<VisitChange, string>> = {
  better: 'green',
  same: 'default',
  worse: 'red',
};

// ---- relapse: a worse visit after the archive was exited ----

/** A worse visit after the archive was exited, while the archive is still exited: offer 重新开档. */
export const canReopenAfter = (v: VisitView) =>
  Boolean(v.relapse && v.archiveId && v.archiveState === 'exited' && v.archiveVersion !== null);

export const relapsesOf = (visits: VisitView[]) => visits.filter(canReopenAfter);

/** The 重新开档 question for a relapsed visit's archive, for the reason dialog. */
export function useReopenRequest(): (v: VisitView) => ReasonRequest | null {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reopen = useReopenArchive();
  return (v) => {
    if (!canReopenAfter(v)) return null;
    const id = v.archiveId ?? '';
    const version = v.archiveVersion ?? 1;
    return {
      title: t('visits.reopenTitle', { name: v.headName }),
      note: t('visits.reopenNote'),
      okText: t('visits.reopen'),
      reasonLabel: t('visits.reopenReason'),
      run: async ({ reason }) => {
        await reopen.mutateAsync({ id, version, reason });
        void message.success(t('visits.reopened', { name: v.headName }));
      },
    };
  };
}

// ---- alliance members ----

/** The active members of one organisation, as select options (asked for once an organisation is known). */
export function useOrgMembers(orgId: string | undefined) {
  const members = useAllianceMembers({ orgId, page: 1, pageSize: 200 });
  return {
    options: (members.data?.items ?? [])
      .filter((m) => m.status === 'active')
      .map((m) => ({ value: m.id, label: m.title ? `${m.name}（${m.title}）` : m.name })),
    loading: members.isFetching,
  };
}

/** An alliance member of one organisation, for a form field. */
export function AllianceMemberSelect({
  orgId,
  value,
  onChange,
  id,
  testId,
  placeholder,
}: {
  orgId: string | undefined;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
  testId: string;
  placeholder?: string;
}) {
  const members = useOrgMembers(orgId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next)}
      allowClear
      loading={members.loading}
      showSearch={{ optionFilterProp: 'label' }}
      options={members.options}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}

// ---- 记录回访 ----

interface RecordValues {
  visitedOn: Dayjs;
  visitors: string;
  change?: VisitChange;
  openNeeds?: string;
  satisfaction: number;
  householdWords?: string;
}

const RECORD_FIELDS = [
  'visitedOn',
  'visitors',
  'change',
  'openNeeds',
  'satisfaction',
  'householdWords',
] as const;

const RATE_KEYS = ['visits.rate1', 'visits.rate2', 'visits.rate3', 'visits.rate4', 'visits.rate5'] as const;

function RecordVisitForm({ visit, onDone }: { visit: VisitView; onDone: (saved?: VisitView) => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const me = useSession();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const record = useRecordVisit();
  const [form] = Form.useForm<RecordValues>();
  const change = Form.useWatch('change', form);

  const onFinish = (v: RecordValues) => {
    if (!v.change) return;
    record.mutate(
      {
        id: visit.id,
        body: {
          version: visit.version,
          visitedOn: v.visitedOn.format(DAY),
          visitors: v.visitors.trim(),
          change: v.change,
          ...(v.openNeeds?.trim() ? { openNeeds: v.openNeeds.trim() } : {}),
          satisfaction: v.satisfaction,
          ...(v.householdWords?.trim() ? { householdWords: v.householdWords.trim() } : {}),
        },
      },
      {
        onSuccess: (done) => {
          if (done.relapse) void message.warning(t('hhHelp.visitRelapse'));
          else void message.success(t('hhHelp.visitRecorded'));
          onDone(done);
        },
        onError: (err) => showFormErrors(form, err, { fields: RECORD_FIELDS }),
      },
    );
  };

  return (
    <Form<RecordValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={record.isPending}
      initialValues={{ visitedOn: todayPick(), visitors: me.displayName, satisfaction: 0 }}
    >
      <Typography.Paragraph className="uc-muted">
        {L(VISIT_REASON_LABELS, visit.reason)} · {t('hhHelp.visitDueOn', { date: visit.dueOn })} ·{' '}
        {visit.assigneeOrgName}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="visitedOn"
            label={t('hhHelp.visitedOn')}
            rules={[
              { required: true, message: t('common.requiredSelect', { field: t('hhHelp.visitedOn') }) },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={notInFuture} data-testid="visit-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="visitors"
            label={t('hhHelp.visitors')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('hhHelp.visitors') }),
              },
            ]}
          >
            <Input maxLength={100} placeholder={t('hhHelp.visitorsHint')} data-testid="visit-visitors" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="change"
        label={t('hhHelp.visitChangeQuestion')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('hhHelp.visitChange') }) }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="visit-change-input"
          options={VISIT_CHANGES.map((c) => ({ value: c, label: L(VISIT_CHANGE_LABELS, c) }))}
        />
      </Form.Item>
      {change === 'worse' && (visit.reason === 'after_exit' || visit.archiveState === 'exited') ? (
        <Alert type="warning" showIcon title={t('hhHelp.worseAfterExit')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item name="openNeeds" label={t('hhHelp.openNeeds')}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="visit-open-needs" />
      </Form.Item>
      <Form.Item
        name="satisfaction"
        label={t('hhHelp.satisfaction')}
        rules={[
          {
            validator: (_, value?: number) =>
              value && value >= 1
                ? Promise.resolve()
                : Promise.reject(new Error(t('hhHelp.satisfactionRequired'))),
          },
        ]}
      >
        <Rate data-testid="visit-satisfaction" tooltips={RATE_KEYS.map((key) => t(key))} />
      </Form.Item>
      <Form.Item
        name="householdWords"
        label={t('hhHelp.householdWords')}
        extra={t('hhHelp.householdWordsHint')}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="visit-words" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={() => onDone()} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="visit-submit">
          {t('hhHelp.visitRecord')}
        </Button>
      </div>
    </Form>
  );
}

/** 记录回访: the day, who went, how the household is doing and in its own words. */
export function RecordVisitDialog({
  visit,
  onClose,
  onRecorded,
}: {
  visit: VisitView | null;
  onClose: () => void;
  /** After a successful save (the dialog has closed): the visit as saved. */
  onRecorded?: (saved: VisitView) => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={visit !== null}
      title={t('hhHelp.visitRecordTitle', { name: visit?.headName ?? '' })}
      onClose={onClose}
      width={600}
    >
      {visit ? (
        <RecordVisitForm
          visit={visit}
          onDone={(saved) => {
            onClose();
            if (saved) onRecorded?.(saved);
          }}
        />
      ) : null}
    </FormDialog>
  );
}
