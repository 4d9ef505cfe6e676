import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../app/i18n';

export interface TempPassword {
  username: string;
  password: string;
}

/**
 * Shows a generated password exactly once: nothing keeps it after this dialog closes, and the
 * server will not give it again.
 */
export function TempPasswordDialog({ value, onClose }: { value: TempPassword | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={value !== null}
      title={t('user.tempTitle')}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="temp-password-close">
          {t('common.close')}
        </Button>
      }
    >
      {value ? (
        <>
          <Alert type="warning" showIcon title={t('user.tempWarning')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>{t('user.tempFor', { name: value.username })}</Typography.Paragraph>
          <Typography.Paragraph
            className="uc-temp-password"
            copyable={{ text: value.password, tooltips: [t('user.copy'), t('user.copied')] }}
          >
            <span data-testid="temp-password">{value.password}</span>
          </Typography.Paragraph>
        </>
      ) : null}
    </Modal>
  );
}
