import { useMutation } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { MemberExportBody } from '../../../../contracts/membership';
import { saveDownload } from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';
import { postForDownload } from '../../../api/raw';

export type MemberExportInput = z.input<typeof MemberExportBody>;

/** The filters travel in the POST body (a name or an ID number never sits in a URL). */
const exportMembers = (filter: MemberExportInput) => postForDownload('/api/members/export', filter);

/** 导出 Excel: the roll as filtered now, identifiers masked; audited on the server. */
export function MemberExportButton({ filter }: { filter: MemberExportInput }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const run = useMutation({ mutationFn: exportMembers });
  return (
    <Tooltip title={t('mr.exportNote')}>
      <Button
        icon={<DownloadOutlined />}
        loading={run.isPending}
        onClick={() =>
          run.mutate(filter, {
            onSuccess: (file) => saveDownload(file, t('mr.exportName')),
            onError: (err) => void message.error(errorText(err)),
          })
        }
        data-testid="mr-export"
      >
        {t('mr.export')}
      </Button>
    </Tooltip>
  );
}
