import { AuditOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/feature';

export const auditFeature = defineFeature({
  name: 'audit',
  messages: () => import('./messages').then((m) => m.auditMessages),
  pages: [
    {
      path: 'admin/audit',
      crumbs: [{ key: 'nav.admin' }, { key: 'nav.audit' }],
      requirement: 'audit.read',
      menu: { group: 'admin', order: 30, icon: AuditOutlined, label: 'nav.audit', testId: 'menu-audit' },
      load: () => import('./audit-page').then((m) => m.AuditPage),
    },
  ],
});
