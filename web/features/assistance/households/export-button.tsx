import { useMutation } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { HouseholdExportBody } from '../../../../contracts/assistance';
import { isApiError, saveDownload, type Download } from '../../../api/client';
import { postForDownload } from '../../../api/raw';
import { useErrorText, useI18n } from '../../../app/i18n';

export type HouseholdExportInput = z.input<typeof HouseholdExportBody>;

const exportHouseholds = (filter: HouseholdExportInput): Promise<Download> =>
  postForDownload('/api/households/export', filter);

/** 导出 Excel: the list as filtered now, with ID numbers and phones masked; audited on the server. */
export function ExportButton({ filter }: { filter: HouseholdExportInput }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const run = useMutation({ mutationFn: exportHouseholds });

  const onExport = () =>
    run.mutate(filter, {
      onSuccess: (file) => saveDownload(file, t('export.fallbackName')),
      onError: (err) => {
        const limit = isApiError(err) ? err.problem?.['limit'] : undefined;
        const total = isApiError(err) ? err.problem?.['total'] : undefined;
        if (isApiError(err) && err.code === 'export.too_large' && typeof limit === 'number')
          void message.error(t('export.tooLargeCount', { total: String(total ?? ''), limit }));
        else void message.error(errorText(err));
      },
    });

  return (
    <Tooltip title={t('export.note')}>
      <Button icon={<DownloadOutlined />} onClick={onExport} loading={run.isPending} data-testid="hh-export">
        {t('export.button')}
      </Button>
    </Tooltip>
  );
}
