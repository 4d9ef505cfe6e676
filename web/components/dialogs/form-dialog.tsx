import type { ReactNode } from 'react';
import { Modal } from 'antd';

/**
 * The form dialog of the back office's pages: the form brings its own footer, a click on the mask does not
 * throw the typing away, and the form is mounted only while open (fresh values every time).
 */
export function FormDialog({
  open,
  title,
  onClose,
  width,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={width}
    >
      {open ? children : null}
    </Modal>
  );
}
