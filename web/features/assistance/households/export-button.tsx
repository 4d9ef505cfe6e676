import { useMutation } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { HouseholdExportBody } from '../../../../contracts/assistance';
import { ProblemSchema } from '../../../../contracts/common';
import {
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  isApiError,
  readCookie,
  saveDownload,
  type Download,
} from '../../../api/client';
import { useErrorText, useI18n } from '../../../app/i18n';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The raw-body POST behind the import upload and the export download: the same CSRF handling as
 * apiSend (fetch a cookie first if we hold none, send it back as a header, retry once on
 * `auth.csrf`), but the body and the answer are not JSON.
 */
async function fetchOnce(path: string, body: BodyInit, contentType: string, accept: string) {
  const headers: Record<string, string> = { accept, 'content-type': contentType };
  const token = readCookie(CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  try {
    return await fetch(path, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'client.network', 'Network error');
  }
}

async function ensureCsrfCookie(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  await fetch('/api/auth/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' }).catch(
    () => undefined,
  );
}

/** A failed response as an ApiError: the server's problem+json, or a synthetic one (413 from a proxy). */
export async function problemOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ProblemSchema.safeParse(json);
  if (parsed.success)
    return new ApiError(parsed.data.status, parsed.data.code, parsed.data.title, parsed.data);
  if (res.status === 413) return new ApiError(413, 'request.too_large', 'Request body too large');
  return new ApiError(res.status, `http.${res.status}`, res.statusText || `HTTP ${res.status}`);
}

/** POSTs a raw body (a workbook, or JSON for a download); resolves with an ok Response or throws. */
export async function postRaw(
  path: string,
  body: BodyInit,
  contentType: string,
  accept = 'application/json',
): Promise<Response> {
  await ensureCsrfCookie();
  let res = await fetchOnce(path, body, contentType, accept);
  if (res.ok) return res;
  let error = await problemOf(res);
  if (error.code === 'auth.csrf') {
    await ensureCsrfCookie();
    res = await fetchOnce(path, body, contentType, accept);
    if (res.ok) return res;
    error = await problemOf(res);
  }
  throw error;
}

function filenameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}

export type HouseholdExportInput = z.input<typeof HouseholdExportBody>;

async function exportHouseholds(filter: HouseholdExportInput): Promise<Download> {
  const res = await postRaw(
    '/api/households/export',
    JSON.stringify(filter),
    'application/json',
    `${XLSX_TYPE}, application/problem+json`,
  );
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition')) };
}

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
