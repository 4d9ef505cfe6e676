import { ImportDialog as ExcelImportDialog } from '../../../components/import/import-dialog';
import { useRefreshAssistance } from '../core/hooks';

const enc = encodeURIComponent;

/** 导入摸排: the kit's Excel import on the screenings' routes; new households appear in the lists when done. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const refresh = useRefreshAssistance();
  return (
    <ExcelImportDialog
      open={open}
      onClose={onClose}
      paths={{
        start: '/api/screenings/import',
        template: '/api/screenings/template',
        job: (id) => `/api/screenings/import/${enc(id)}`,
      }}
      onImported={() => void refresh()}
      words={{
        title: 'import.title',
        templateName: 'import.templateName',
        formatNote: 'import.formatNote',
        writing: 'import.writing',
        done: 'import.done',
        already: 'import.already',
        failed: 'import.failed',
      }}
    />
  );
}
