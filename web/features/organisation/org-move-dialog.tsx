import { useMemo } from 'react';
import { Alert, App, Button, Form, Modal } from 'antd';
import type { Organisation } from '../../../contracts/organisation';
import { useT } from '../../app/i18n';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { subtreeIds } from '../../components/org-tree';
import { useFormErrors } from '../../components/use-form-errors';
import { useMoveOrg } from './hooks';
import { canSitUnder } from './org-kinds';

interface MoveValues {
  parentId: string;
}

function MoveForm({
  org,
  orgs,
  onDone,
}: {
  org: Organisation;
  orgs: readonly Organisation[];
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showFormErrors = useFormErrors();
  const move = useMoveOrg();
  const [form] = Form.useForm<MoveValues>();
  const blocked = useMemo(() => subtreeIds(orgs, org.id), [orgs, org.id]);
  // Only places the server would accept: not inside itself, an active parent of a fitting kind.
  const isDisabled = useMemo(
    () => (candidate: Organisation) =>
      blocked.has(candidate.id) ||
      candidate.id === org.parentId ||
      candidate.status !== 'active' ||
      !canSitUnder(org.kind, candidate.kind),
    [blocked, org.parentId, org.kind],
  );

  const onFinish = ({ parentId }: MoveValues) => {
    move.mutate(
      { id: org.id, body: { version: org.version, parentId } },
      {
        onSuccess: () => {
          void message.success(t('org.moved'));
          onDone();
        },
        onError: (err) => showFormErrors(form, err, { fields: ['parentId'] }),
      },
    );
  };

  return (
    <Form<MoveValues> form={form} layout="vertical" onFinish={onFinish}>
      <Alert type="info" showIcon title={t('org.moveHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="parentId"
        label={t('org.newParent')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.newParent') }) }]}
      >
        <OrgTreeSelect orgs={orgs} isDisabled={isDisabled} testId="org-move-parent" />
      </Form.Item>
      <div className="uc-dialog-footer">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={move.isPending} data-testid="org-move-submit">
          {t('org.move')}
        </Button>
      </div>
    </Form>
  );
}

/** 移动: choose a new parent; the server re-checks kind, cycles and the version. */
export function OrgMoveDialog({
  org,
  orgs,
  onClose,
}: {
  org: Organisation | null;
  orgs: readonly Organisation[];
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={org !== null}
      title={org ? t('org.moveTitle', { name: org.name }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {org ? <MoveForm org={org} orgs={orgs} onDone={onClose} /> : null}
    </Modal>
  );
}
