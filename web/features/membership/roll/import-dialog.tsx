import { ImportDialog } from '../../../components/import/import-dialog';
import { useRefreshMembership } from './hooks';

const enc = encodeURIComponent;

/** 导入会员名册: the kit's Excel import on the roll's routes; new members appear in the roll when done. */
export function MemberImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const refresh = useRefreshMembership();
  return (
    <ImportDialog
      open={open}
      onClose={onClose}
      paths={{
        start: '/api/members/import',
        template: '/api/members/template',
        job: (id) => `/api/members/import/${enc(id)}`,
      }}
      onImported={() => void refresh()}
      words={{
        title: 'mr.import.title',
        templateName: 'mr.import.templateName',
        formatNote: 'mr.import.formatNote',
        writing: 'mr.import.writing',
        done: 'mr.import.done',
        already: 'mr.import.already',
        failed: 'mr.import.failed',
      }}
      testId="mr-import"
    />
  );
}
