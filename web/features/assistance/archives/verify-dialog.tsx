import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { HouseholdDetail, VerifyBody } from '../../../../contracts/assistance';
import { useI18n } from '../../../app/i18n';
import { useFormErrors } from '../../../components/use-form-errors';
import { useVerifyHousehold } from '../core/hooks';
import {
  DOCUMENTS,
  DOCUMENT_LABELS,
  EXCLUSIONS,
  EXCLUSION_LABELS,
  VERIFY_RESULTS,
  VERIFY_RESULT_LABELS,
  type DocumentKind,
  type Exclusion,
  type VerifyResult,
} from '../core/labels';
import { fenToYuan, yuanToFen } from '../../../components/money/money';
import { useLabels } from '../core/use-labels';

interface VerifyValues {
  verifiedOn: Dayjs;
  homeVisit: boolean;
  documents: DocumentKind[];
  incomeConsent: boolean;
  result: VerifyResult;
  notice?: [Dayjs, Dayjs] | null;
  noticeResult?: string;
  householdSize: number;
  annualIncomeYuan: number;
  rigidExpenseYuan: number;
  suddenEvent?: string;
  exclusions: Exclusion[];
  migrantQualified?: boolean;
  notes?: string;
}

const FIELDS = [
  'verifiedOn',
  'homeVisit',
  'documents',
  'incomeConsent',
  'result',
  'notice',
  'noticeResult',
  'householdSize',
  'annualIncomeYuan',
  'rigidExpenseYuan',
  'suddenEvent',
  'exclusions',
  'migrantQualified',
  'notes',
] as const;
const ALIASES = {
  noticeStart: 'notice',
  noticeEnd: 'notice',
  annualIncomeFen: 'annualIncomeYuan',
  rigidExpenseFen: 'rigidExpenseYuan',
};

const DAY = 'YYYY-MM-DD';

function VerifyForm({ household, onDone }: { household: HouseholdDetail; onDone: () => void }) {
  const { t } = useI18n();
  const L = useLabels();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const verify = useVerifyHousehold();
  const [form] = Form.useForm<VerifyValues>();
  const migrant = household.situation === 'migrant_worker';

  const onFinish = (v: VerifyValues) => {
    const income = yuanToFen(v.annualIncomeYuan);
    const expense = yuanToFen(v.rigidExpenseYuan);
    const sudden = (v.suddenEvent ?? '').trim();
    // Corrections only: what the visit found different from the screening.
    const body: z.input<typeof VerifyBody> = {
      version: household.version,
      verifiedOn: v.verifiedOn.format(DAY),
      homeVisit: v.homeVisit,
      documents: v.documents,
      incomeConsent: v.incomeConsent,
      result: v.result,
      ...(v.notice ? { noticeStart: v.notice[0].format(DAY), noticeEnd: v.notice[1].format(DAY) } : {}),
      ...(v.noticeResult?.trim() ? { noticeResult: v.noticeResult.trim() } : {}),
      ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
      ...(v.householdSize !== household.householdSize ? { householdSize: v.householdSize } : {}),
      ...(income !== undefined && income !== household.annualIncomeFen ? { annualIncomeFen: income } : {}),
      ...(expense !== undefined && expense !== household.rigidExpenseFen ? { rigidExpenseFen: expense } : {}),
      ...(sudden !== (household.suddenEvent ?? '') ? { suddenEvent: sudden } : {}),
      exclusions: v.exclusions,
      ...(migrant && v.migrantQualified !== undefined ? { migrantQualified: v.migrantQualified } : {}),
    };
    verify.mutate(
      { id: household.id, body },
      {
        onSuccess: () => {
          void message.success(t('verify.done'));
          onDone();
        },
        onError: (err) => showFormErrors(form, err, { fields: FIELDS, aliases: ALIASES }),
      },
    );
  };

  return (
    <Form<VerifyValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={verify.isPending}
      initialValues={{
        verifiedOn: dayjs(),
        homeVisit: true,
        documents: [],
        incomeConsent: false,
        result: 'confirmed',
        householdSize: household.householdSize,
        annualIncomeYuan: fenToYuan(household.annualIncomeFen),
        rigidExpenseYuan: fenToYuan(household.rigidExpenseFen),
        suddenEvent: household.suddenEvent ?? '',
        exclusions: [],
      }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="verifiedOn"
            label={t('verify.date')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('verify.date') }) }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              data-testid="verify-date"
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="homeVisit" label={t('verify.homeVisit')} valuePropName="checked">
            <Switch data-testid="verify-home-visit" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="documents" label={t('verify.documents')}>
        <Checkbox.Group
          data-testid="verify-documents"
          options={DOCUMENTS.map((d) => ({ value: d, label: L(DOCUMENT_LABELS, d) }))}
        />
      </Form.Item>
      <Form.Item name="incomeConsent" valuePropName="checked" extra={t('verify.incomeConsentHint')}>
        <Checkbox data-testid="verify-consent">{t('verify.incomeConsent')}</Checkbox>
      </Form.Item>
      <Form.Item name="result" label={t('verify.result')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="verify-result"
          optionType="button"
          buttonStyle="solid"
          options={VERIFY_RESULTS.map((r) => ({ value: r, label: L(VERIFY_RESULT_LABELS, r) }))}
        />
      </Form.Item>

      <Divider titlePlacement="start" plain>
        {t('verify.corrections')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="householdSize" label={t('verify.size')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} data-testid="verify-size" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="annualIncomeYuan" label={t('verify.income')} rules={[{ required: true }]}>
            <InputNumber
              min={0}
              max={100_000_000}
              precision={2}
              style={{ width: '100%' }}
              suffix="元"
              data-testid="verify-income"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="rigidExpenseYuan" label={t('verify.expense')} rules={[{ required: true }]}>
            <InputNumber
              min={0}
              max={100_000_000}
              precision={2}
              style={{ width: '100%' }}
              suffix="元"
              data-testid="verify-expense"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="suddenEvent" label={t('verify.suddenEvent')} extra={t('verify.suddenEventHint')}>
        <Input maxLength={200} data-testid="verify-sudden" />
      </Form.Item>
      <Form.Item name="exclusions" label={t('verify.exclusions')} extra={t('verify.exclusionsHint')}>
        <Checkbox.Group
          className="uc-vertical-checks"
          data-testid="verify-exclusions"
          options={EXCLUSIONS.map((e) => ({ value: e, label: L(EXCLUSION_LABELS, e) }))}
        />
      </Form.Item>
      {migrant ? (
        <Form.Item
          name="migrantQualified"
          label={t('verify.migrant')}
          extra={t('verify.migrantHint')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('verify.migrant') }) }]}
        >
          <Radio.Group
            data-testid="verify-migrant"
            options={[
              { value: true, label: t('verify.migrantYes') },
              { value: false, label: t('verify.migrantNo') },
            ]}
          />
        </Form.Item>
      ) : null}

      <Divider titlePlacement="start" plain>
        {t('verify.notice')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="notice" label={t('verify.noticePeriod')}>
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="verify-notice" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="noticeResult" label={t('verify.noticeResult')}>
            <Input maxLength={200} placeholder={t('verify.noticeResultHint')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('verify.notes')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={verify.isPending} data-testid="verify-submit">
          {t('verify.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** 核实: who checked what and how, the corrected figures, exclusions and the public notice. */
export function VerifyDialog({
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
      title={t('verify.title', { name: household.headName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={720}
    >
      {open ? <VerifyForm household={household} onDone={onClose} /> : null}
    </Modal>
  );
}
