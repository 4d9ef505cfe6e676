import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Modal,
  Progress,
  Result,
  Space,
  Table,
  Typography,
  Upload,
  type TableProps,
  type UploadFile,
} from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { ImportJob, ImportStarted, type ImportRowIssue } from '../../../contracts/assistance';
import { ApiError, apiDownload, apiGet, isApiError, saveDownload } from '../../api/client';
import { postRaw, XLSX_TYPE } from '../../api/raw';
import { useErrorText, useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';

/** The server refuses more (20 MiB); checked here too so nobody waits for a doomed upload. */
const MAX_BYTES = 20 * 1024 * 1024;

type Issue = z.infer<typeof ImportRowIssue>;

async function startImport(path: string, file: File): Promise<string> {
  const res = await postRaw(path, file, XLSX_TYPE);
  const parsed = ImportStarted.safeParse(await res.json().catch(() => null));
  if (!parsed.success)
    throw new ApiError(res.status, 'client.bad_response', 'The server sent an unexpected response');
  return parsed.data.jobId;
}

/** A job's progress, polled until it is done or failed. */
function useImportJob(url: string | undefined) {
  return useQuery({
    queryKey: ['import-job', url],
    queryFn: ({ signal }) => apiGet(url ?? '', ImportJob, signal),
    enabled: Boolean(url),
    refetchInterval: (q) => {
      const state = q.state.data?.state;
      return state === 'done' || state === 'failed' || q.state.error ? false : 700;
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: 1,
  });
}

/** The words that name what is imported (households, members…); the rest are the kit's own. */
export interface ImportDialogWords {
  title: MessageKey;
  templateName: MessageKey;
  formatNote: MessageKey;
  /** {done} of {total} written. */
  writing: MessageKey;
  /** {n} imported. */
  done: MessageKey;
  /** {n} already there, not imported again. */
  already: MessageKey;
  failed: MessageKey;
}

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Where the workbook is POSTed, the template fetched, and a job's progress read. */
  paths: { start: string; template: string; job: (jobId: string) => string };
  /** Once, when a job reports done (refresh the lists that show the new rows). */
  onImported: () => void;
  words: ImportDialogWords;
  /** The prefix of the dialog's test ids (`<prefix>-start`, `<prefix>-result`…). */
  testId?: string;
}

/**
 * An Excel import (the platform's template / progress / per-row-error machinery, platform/excel.ts
 * on the server): download the template, choose a filled workbook, watch it being read and written.
 * The server checks every row first: one bad row and nothing is written, so the result is either
 * "N imported" or the list of problems to fix.
 */
export function ImportDialog({
  open,
  onClose,
  paths,
  onImported,
  words,
  testId = 'import',
}: ImportDialogProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [file, setFile] = useState<UploadFile | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<string | undefined>();
  const start = useMutation({ mutationFn: (raw: File) => startImport(paths.start, raw) });
  const template = useMutation({ mutationFn: () => apiDownload(paths.template) });
  const job = useImportJob(jobId ? paths.job(jobId) : undefined);
  const refresh = onImported;

  const state = job.data?.state;
  const running = start.isPending || (jobId !== undefined && state !== 'done' && state !== 'failed');

  // New rows appear in the lists once, when the job reports done.
  const refreshed = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (state === 'done' && jobId && refreshed.current !== jobId) {
      refreshed.current = jobId;
      refresh();
    }
  }, [state, jobId, refresh]);

  const reset = () => {
    setFile(undefined);
    setFileError(undefined);
    setJobId(undefined);
    start.reset();
  };

  const onTemplate = () =>
    template.mutate(undefined, {
      onSuccess: (f) => saveDownload(f, t(words.templateName)),
      onError: (err) => void message.error(errorText(err)),
    });

  const onStart = () => {
    const raw = file?.originFileObj;
    if (!raw) return;
    start.mutate(raw, { onSuccess: (id) => setJobId(id) });
  };

  const startError = start.error;
  const startErrorText = (() => {
    if (!startError) return undefined;
    if (isApiError(startError) && startError.code === 'import.bad_file') {
      const why = startError.fieldErrors[0]?.message ?? startError.detail ?? startError.title;
      return t('xlsxImport.badFile', { why });
    }
    return errorText(startError);
  })();

  const issueColumns: TableProps<Issue>['columns'] = [
    { key: 'row', title: t('xlsxImport.row'), dataIndex: 'row', width: 70, align: 'right' },
    { key: 'column', title: t('xlsxImport.column'), dataIndex: 'column', width: 130 },
    { key: 'message', title: t('xlsxImport.problem'), dataIndex: 'message' },
  ];

  const progress = () => {
    if (!jobId) return null;
    if (job.isError) return <Alert type="error" showIcon title={errorText(job.error)} />;
    const j = job.data;
    if (!j || j.state === 'parsing') {
      return (
        <div data-testid={`${testId}-progress`}>
          <Progress percent={100} status="active" showInfo={false} />
          <Typography.Text type="secondary">
            {j && j.total > 0 ? t('xlsxImport.parsing', { n: j.total }) : t('xlsxImport.parsingStart')}
          </Typography.Text>
        </div>
      );
    }
    const percent = j.total > 0 ? Math.floor((j.done / j.total) * 100) : 0;
    if (j.state === 'writing') {
      return (
        <div data-testid={`${testId}-progress`}>
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">
            {t(words.writing, { done: j.done, total: j.total })}
          </Typography.Text>
        </div>
      );
    }
    // Failed: the result below says why; a part-filled red bar would suggest something was written.
    if (j.state === 'failed') return null;
    return (
      <div data-testid={`${testId}-progress`}>
        <Progress percent={100} status="success" />
      </div>
    );
  };

  const result = () => {
    const j = job.data;
    if (!j || (j.state !== 'done' && j.state !== 'failed')) return null;
    if (j.state === 'done') {
      return (
        <div data-testid={`${testId}-result`} data-state="done">
          <Result
            status="success"
            title={t(words.done, { n: j.imported })}
            subTitle={j.alreadyImported > 0 ? t(words.already, { n: j.alreadyImported }) : undefined}
          />
        </div>
      );
    }
    return (
      <div data-testid={`${testId}-result`} data-state="failed">
        <Alert
          type="error"
          showIcon
          title={t(words.failed)}
          description={j.message ?? undefined}
          style={{ marginBottom: 12 }}
        />
        {j.errors.length > 0 ? (
          <Table<Issue>
            size="small"
            rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
            columns={issueColumns}
            dataSource={j.errors}
            pagination={j.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            data-testid={`${testId}-errors`}
          />
        ) : null}
        {j.moreErrors > 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('xlsxImport.moreErrors', { n: j.moreErrors })}
          </Typography.Paragraph>
        ) : null}
      </div>
    );
  };

  const finished = state === 'done' || state === 'failed';

  return (
    <Modal
      open={open}
      title={t(words.title)}
      onCancel={onClose}
      width={720}
      mask={{ closable: false }}
      footer={
        <Space>
          {finished ? (
            <Button onClick={reset} data-testid={`${testId}-again`}>
              {t('xlsxImport.again')}
            </Button>
          ) : null}
          <Button onClick={onClose}>{t('common.close')}</Button>
          {!jobId ? (
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!file?.originFileObj}
              loading={start.isPending}
              onClick={onStart}
              data-testid={`${testId}-start`}
            >
              {t('xlsxImport.start')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{t('xlsxImport.step1')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Button
              icon={<DownloadOutlined />}
              onClick={onTemplate}
              loading={template.isPending}
              data-testid={`${testId}-template`}
            >
              {t('xlsxImport.template')}
            </Button>
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t(words.formatNote)}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text strong>{t('xlsxImport.step2')}</Typography.Text>
          <div data-testid={`${testId}-file`} style={{ marginTop: 8 }}>
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              disabled={running || finished}
              fileList={file ? [file] : []}
              beforeUpload={(f) => {
                start.reset();
                if (!f.name.toLowerCase().endsWith('.xlsx')) {
                  setFile(undefined);
                  setFileError(t('xlsxImport.notXlsx'));
                } else if (f.size > MAX_BYTES) {
                  setFile(undefined);
                  setFileError(t('xlsxImport.tooBig', { mb: MAX_BYTES / 1024 / 1024 }));
                } else {
                  setFileError(undefined);
                  setFile({ uid: f.uid, name: f.name, size: f.size, originFileObj: f, status: 'done' });
                }
                return false;
              }}
              onRemove={() => {
                setFile(undefined);
                start.reset();
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('xlsxImport.choose')}</p>
              <p className="ant-upload-hint">{t('xlsxImport.chooseHint', { mb: MAX_BYTES / 1024 / 1024 })}</p>
            </Upload.Dragger>
          </div>
        </div>
        {fileError ? <Alert type="warning" showIcon title={fileError} /> : null}
        {startErrorText ? (
          <Alert type="error" showIcon title={startErrorText} data-testid={`${testId}-refused`} />
        ) : null}
        {progress()}
        {result()}
      </Space>
    </Modal>
  );
}
