import { FormDialog } from '../../../components/dialogs/form-dialog';
import { YuanInput } from '../../../components/money/money-input';
import { Alert, App, Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { MeasureView } from '../../../../contracts/help';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import { fenToYuan, formatYuan, yuanToFen } from '../../../components/money/money';
import { testButton } from '../../../components/test-button';
import { useLabels } from '../core/use-labels';
import { useDecideMeasure, useMeasureState } from '../core/help-api';
import { DAY } from '../core/help-common';
import { notInFuture, todayPick } from '../help/household-help-common';
import { MEASURE_KIND_LABELS } from '../core/help-labels';

/**
 * What a measure may go through, wherever it is listed (the household's plan, the plans page):
 * 开始实施, 完成 (the day and the actual value), 取消 (why), and 个案专策 批准 / 不批准.
 */

/** 开始实施: a confirmation, then planned → in progress. */
export function useStartMeasure(): (m: MeasureView) => void {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const change = useMeasureState();
  return (m) =>
    modal.confirm({
      title: t('plans.startConfirm', { name: m.headName }),
      content: m.description,
      okText: t('plans.start'),
      okButtonProps: testButton('confirm-ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await change.mutateAsync({ id: m.id, body: { version: m.version, state: 'in_progress' } });
          void message.success(t('hhHelp.measureStarted'));
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
}

// ---- 完成 / 取消 ----

export type MeasureMove = { measure: MeasureView; to: 'done' | 'cancelled' };

interface MoveValues {
  doneOn?: Dayjs;
  value?: number | null;
  note?: string;
}

function MoveForm({ move, onDone }: { move: MeasureMove; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const change = useMeasureState();
  const [form] = Form.useForm<MoveValues>();
  const { measure: m, to } = move;

  const onFinish = (v: MoveValues) => {
    const valueFen = yuanToFen(v.value);
    change.mutate(
      {
        id: m.id,
        body: {
          version: m.version,
          state: to,
          ...(to === 'done' && v.doneOn ? { doneOn: v.doneOn.format(DAY) } : {}),
          ...(to === 'done' && valueFen !== undefined ? { valueFen } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(to === 'done' ? t('hhHelp.measureFinished') : t('hhHelp.measureCancelled'));
          onDone();
        },
        onError: (err) =>
          showFormErrors(form, err, {
            fields: ['doneOn', 'value', 'note'],
            aliases: { valueFen: 'value' },
          }),
      },
    );
  };

  return (
    <Form<MoveValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={change.isPending}
      initialValues={{ doneOn: todayPick(), value: fenToYuan(m.valueFen) }}
    >
      <Alert
        type={to === 'done' ? 'info' : 'warning'}
        showIcon
        title={m.description}
        description={to === 'done' ? t('hhHelp.finishNote') : undefined}
        style={{ marginBottom: 16 }}
      />
      {to === 'done' ? (
        <>
          <Form.Item
            name="doneOn"
            label={t('plans.doneOn')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('plans.doneOn') }) }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={notInFuture}
              data-testid="measure-done-date"
            />
          </Form.Item>
          <Form.Item name="value" label={t('plans.actualValue')}>
            <YuanInput data-testid="measure-done-value" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item
        name="note"
        label={to === 'cancelled' ? t('plans.cancelReason') : t('plans.noteOptional')}
        rules={
          to === 'cancelled'
            ? [
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('plans.cancelReason') }),
                },
              ]
            : []
        }
      >
        <Input.TextArea rows={2} maxLength={200} showCount data-testid="measure-move-note" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          danger={to === 'cancelled'}
          htmlType="submit"
          loading={change.isPending}
          data-testid="measure-move-submit"
        >
          {to === 'done' ? t('plans.markDone') : t('plans.cancelMeasure')}
        </Button>
      </div>
    </Form>
  );
}

/** 完成 (the day and the actual value, then it goes into the ledger) or 取消 (why) a measure. */
export function MeasureMoveDialog({ move, onClose }: { move: MeasureMove | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={move !== null}
      title={
        move
          ? `${move.to === 'done' ? t('plans.markDone') : t('plans.cancelMeasure')} · ${move.measure.headName}`
          : ''
      }
      onClose={onClose}
      width={560}
    >
      {move ? <MoveForm move={move} onDone={onClose} /> : null}
    </FormDialog>
  );
}

// ---- 个案专策: 批准 / 不批准 ----

export type MeasureDecision = { measure: MeasureView; approve: boolean };

function DecisionForm({ decision, onDone }: { decision: MeasureDecision; onDone: () => void }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const decide = useDecideMeasure();
  const [form] = Form.useForm<{ note?: string }>();
  const { measure: m, approve } = decision;

  const onFinish = ({ note }: { note?: string }) =>
    decide.mutate(
      {
        id: m.id,
        body: { version: m.version, approve, ...(note?.trim() ? { note: note.trim() } : {}) },
      },
      {
        onSuccess: () => {
          void message.success(approve ? t('plans.approved') : t('plans.rejected'));
          onDone();
        },
        onError: (err) => showFormErrors(form, err, { fields: ['note'] }),
      },
    );

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={decide.isPending}>
      <Alert
        type={approve ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        title={`${m.headName} · ${L(MEASURE_KIND_LABELS, m.kind)} · ${formatYuan(m.valueFen, lang)}`}
        description={m.description}
      />
      <Form.Item
        name="note"
        label={approve ? t('plans.noteOptional') : t('plans.rejectReason')}
        rules={
          approve
            ? []
            : [
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('plans.rejectReason') }),
                },
              ]
        }
      >
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="decision-note" autoFocus />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          danger={!approve}
          htmlType="submit"
          loading={decide.isPending}
          data-testid="decision-submit"
        >
          {approve ? t('plans.approve') : t('plans.reject')}
        </Button>
      </div>
    </Form>
  );
}

/** 批准 / 不批准 a 个案专策 measure; refusing says why. */
export function MeasureDecisionDialog({
  decision,
  onClose,
}: {
  decision: MeasureDecision | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormDialog
      open={decision !== null}
      title={decision ? (decision.approve ? t('plans.approveTitle') : t('plans.rejectTitle')) : ''}
      onClose={onClose}
    >
      {decision ? <DecisionForm decision={decision} onDone={onClose} /> : null}
    </FormDialog>
  );
}
