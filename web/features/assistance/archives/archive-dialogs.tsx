import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Select, Skeleton, Space } from 'antd';
import {
  Assessment,
  type ArchiveView,
  type Cause,
  type HouseholdDetail,
} from '../../../../contracts/assistance';
import { isApiError } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import { AssessmentSteps, Verdict } from './calculator-panel';
import { useAssessment, useEstablishArchive, useFixArchive } from '../core/hooks';
import { CAUSES, CAUSE_LABELS } from '../core/labels';
import { useLabels } from '../core/use-labels';

interface CauseValues {
  primaryCause?: Cause;
  secondaryCauses: Cause[];
}

const FIELDS = ['primaryCause', 'secondaryCauses'] as const;

/** A 422 archive.not_eligible carries the assessment that said no: show it, not just "refused". */
function refusedAssessment(err: unknown): Assessment | undefined {
  if (!isApiError(err) || err.code !== 'archive.not_eligible') return undefined;
  const parsed = Assessment.safeParse(err.problem?.assessment);
  return parsed.success ? parsed.data : undefined;
}

function CauseFields({ form }: { form: ReturnType<typeof Form.useForm<CauseValues>>[0] }) {
  const { t } = useI18n();
  const L = useLabels();
  const primary = Form.useWatch('primaryCause', form);
  return (
    <>
      <Form.Item
        name="primaryCause"
        label={t('archive.primaryCause')}
        rules={[
          { required: true, message: t('common.requiredSelect', { field: t('archive.primaryCause') }) },
        ]}
      >
        <Select
          data-testid="archive-primary"
          options={CAUSES.map((c) => ({ value: c, label: L(CAUSE_LABELS, c) }))}
          onChange={(value: Cause) =>
            form.setFieldValue(
              'secondaryCauses',
              (form.getFieldValue('secondaryCauses') as Cause[]).filter((c) => c !== value),
            )
          }
        />
      </Form.Item>
      <Form.Item
        name="secondaryCauses"
        label={t('archive.secondaryCauses')}
        extra={t('archive.secondaryHint')}
        rules={[{ type: 'array', max: 3, message: t('archive.secondaryHint') }]}
      >
        <Select
          mode="multiple"
          maxCount={3}
          allowClear
          data-testid="archive-secondary"
          options={CAUSES.filter((c) => c !== primary).map((c) => ({ value: c, label: L(CAUSE_LABELS, c) }))}
        />
      </Form.Item>
    </>
  );
}

function EstablishForm({ household, onDone }: { household: HouseholdDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const showFormErrors = useFormErrors();
  const assessment = useAssessment(household.id);
  const establish = useEstablishArchive();
  const [form] = Form.useForm<CauseValues>();
  const [refused, setRefused] = useState<Assessment | undefined>();
  const latest = household.verifications[household.verifications.length - 1];
  const verified = latest?.result === 'confirmed';
  const shown = refused ?? assessment.data;
  const eligible = Boolean(shown?.eligible);

  const onFinish = (values: CauseValues) => {
    if (!values.primaryCause) return;
    establish.mutate(
      {
        id: household.id,
        body: {
          version: household.version,
          primaryCause: values.primaryCause,
          secondaryCauses: values.secondaryCauses,
        },
      },
      {
        onSuccess: (archive) => {
          void message.success(t('archive.established', { no: archive.archiveNo }));
          onDone();
        },
        onError: (err) => {
          setRefused(refusedAssessment(err));
          showFormErrors(form, err, { fields: FIELDS });
        },
      },
    );
  };

  return (
    <Form<CauseValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={establish.isPending}
      initialValues={{
        primaryCause: household.causes[0],
        secondaryCauses: household.causes.slice(1, 4),
      }}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
        {!verified ? <Alert type="warning" showIcon title={t('archive.notVerified')} /> : null}
        {assessment.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
        {assessment.isError ? <Alert type="error" showIcon title={errorText(assessment.error)} /> : null}
        {shown ? (
          <div data-testid="archive-calc">
            <Verdict assessment={shown} testId="archive-verdict" />
            <div style={{ marginTop: 12 }}>
              <AssessmentSteps assessment={shown} />
            </div>
          </div>
        ) : null}
      </Space>
      <CauseFields form={form} />
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          loading={establish.isPending}
          disabled={!verified || !eligible}
          data-testid="archive-submit"
        >
          {t('archive.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** 建档: the calculator's verdict first, then one primary and up to three secondary causes. */
export function EstablishArchiveDialog({
  household,
  open,
  onClose,
}: {
  household: HouseholdDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={t('archive.title', { name: household.headName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      {open ? <EstablishForm household={household} onDone={onClose} /> : null}
    </Modal>
  );
}

function FixForm({ archive, onDone }: { archive: ArchiveView; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const fix = useFixArchive();
  const [form] = Form.useForm<CauseValues>();
  const [refused, setRefused] = useState<Assessment | undefined>();

  const onFinish = (values: CauseValues) => {
    fix.mutate(
      {
        id: archive.id,
        body: {
          version: archive.version,
          ...(values.primaryCause ? { primaryCause: values.primaryCause } : {}),
          secondaryCauses: values.secondaryCauses,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('archive.fixed'));
          onDone();
        },
        onError: (err) => {
          setRefused(refusedAssessment(err));
          showFormErrors(form, err, { fields: FIELDS });
        },
      },
    );
  };

  return (
    <Form<CauseValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={fix.isPending}
      initialValues={{ primaryCause: archive.primaryCause, secondaryCauses: archive.secondaryCauses }}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
        {archive.returnReason ? (
          <Alert
            type="warning"
            showIcon
            title={t('archive.returnReason')}
            description={archive.returnReason}
            data-testid="fix-return-reason"
          />
        ) : null}
        <Alert type="info" showIcon title={t('archive.fixNote')} />
        {refused ? (
          <div>
            <Verdict assessment={refused} testId="fix-verdict" />
            <div style={{ marginTop: 12 }}>
              <AssessmentSteps assessment={refused} />
            </div>
          </div>
        ) : null}
      </Space>
      <CauseFields form={form} />
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={fix.isPending} data-testid="fix-submit">
          {t('archive.fixSubmit')}
        </Button>
      </div>
    </Form>
  );
}

/** 修改: a returned archive is corrected (causes; the assessment is redone on today's figures). */
export function FixArchiveDialog({
  archive,
  open,
  onClose,
}: {
  archive: ArchiveView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={t('archive.fixTitle', { no: archive.archiveNo })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      {open ? <FixForm archive={archive} onDone={onClose} /> : null}
    </Modal>
  );
}
