import { useMemo } from 'react';
import { offlineStore } from '../kit/offline/store';
import { useRecords } from '../kit/offline/hooks';
import { type OfflineRecord } from '../kit/offline/db';
import { HELP_OWNER, HELP_RECEIPT_KIND, type HelpReceipt } from './offline-request';
import { useHT } from './help-texts';

type Receipt = OfflineRecord<HelpReceipt>;

/** The receipts of requests the queue sent, newest first, kept live (other tabs included). */
export function useReceipts(): Receipt[] {
  const records = useRecords<HelpReceipt>(HELP_OWNER, HELP_RECEIPT_KIND);
  return useMemo(() => (records ? [...records].sort((a, b) => b.data.at - a.data.at) : []), [records]);
}

/** "12月7日 15:30": when the server took the request, as the worker reads it. */
function whenText(at: number, lang: string): string {
  return new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });
}

/**
 * The 受理编号 of requests the phone sent later, on /m/help: each until the worker taps 知道了
 * (then the phone keeps nothing of it).
 */
export function ReceiptList({ lang }: { lang: string }) {
  const t = useHT();
  const receipts = useReceipts();
  if (receipts.length === 0) return null;
  return (
    <section className="hp-receipts" aria-labelledby="hp-receipts-title" data-testid="help-receipts">
      <h2 id="hp-receipts-title" className="hp-receipts-title">
        {t('receipt.title')}
      </h2>
      <p className="ms-hint">{t('receipt.hint')}</p>
      <ul className="hp-receipt-list">
        {receipts.map((r) => (
          <li key={r.key} className="hp-receipt" data-testid={`help-receipt-${r.key}`}>
            <p className="hp-ref">
              {t('req.reference')}
              <strong className="ms-mono" data-testid="help-receipt-reference">
                {r.data.reference}
              </strong>
            </p>
            <p className="hp-receipt-line">
              {t('receipt.line', {
                name: r.data.headNameMasked,
                phone: r.data.phoneMasked,
                time: whenText(r.data.at, lang),
              })}
            </p>
            <button
              type="button"
              className="ms-btn"
              data-testid={`help-receipt-ok-${r.key}`}
              onClick={() => void offlineStore().removeRecord(HELP_OWNER, HELP_RECEIPT_KIND, r.key)}
            >
              {t('receipt.ok')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
