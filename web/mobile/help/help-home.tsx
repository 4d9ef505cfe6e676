import { useCallback } from 'react';
import type { OfflineItem } from '../kit/offline/db';
import { QueuePanel } from '../kit/offline/queue-panel';
import { useNav } from '../nav';
import { useMLang } from '../texts';
import { useHQueueErrorText, useHT, type HKey, type HTranslate } from './help-texts';
import { useHelpSync } from './help-sync';
import { fieldNameOf, HELP_OWNER } from './offline-request';
import { ReceiptList } from './receipts';

/** Line icons drawn here: a phone without an emoji font would show empty boxes. */
const ICONS = {
  request: (
    <path d="M12 21s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 8.1a4.3 4.3 0 0 1 7.5 2.7C19.5 16.4 12 21 12 21z" />
  ),
  status: (
    <>
      <circle cx="10.5" cy="10.5" r="6" />
      <path d="M15 15l5 5" />
    </>
  ),
  selfTest: (
    <>
      <rect x="5" y="3.5" width="14" height="17" rx="2" />
      <path d="M8.5 9h7M8.5 13h7M8.5 17h4" />
    </>
  ),
};

const CHOICES: readonly { to: string; testId: string; title: HKey; hint: HKey; icon: keyof typeof ICONS }[] =
  [
    {
      to: '/m/help/request',
      testId: 'help-request',
      title: 'help.request',
      hint: 'help.requestHint',
      icon: 'request',
    },
    {
      to: '/m/help/status',
      testId: 'help-status',
      title: 'help.status',
      hint: 'help.statusHint',
      icon: 'status',
    },
    {
      to: '/m/help/self-test',
      testId: 'help-selftest',
      title: 'help.selftest',
      hint: 'help.selftestHint',
      icon: 'selfTest',
    },
  ];

const FIELD_KEYS: Record<string, HKey> = {
  headName: 'req.headName',
  idNumber: 'field.idNumber',
  situation: 'req.situation',
  divisionCode: 'req.area',
  addressDetail: 'req.address',
  householdSize: 'req.size',
  annualIncome: 'req.income',
  rigidExpense: 'req.expense',
  causes: 'req.causes',
  suddenEvent: 'field.suddenEvent',
  story: 'req.story',
};

/** A refused field of a queued request, named in the workers' words with what to do. */
export function queueFieldText(t: HTranslate, item: OfflineItem, path: string): string {
  const name = fieldNameOf(path);
  switch (name.key) {
    case 'code':
      return item.lastError?.code === 'otp.required' ? t('queue.codeMissing') : t('queue.code');
    case 'phone':
      return t('queue.field', { field: t('otp.phone') });
    case 'member':
      return t('queue.field', { field: t('req.member', { n: name.n }) });
    case 'need':
      return t('queue.field', { field: t('req.need', { n: name.n }) });
    case 'field':
      return name.field in FIELD_KEYS
        ? t('queue.field', { field: t(FIELD_KEYS[name.field]) })
        : t('queue.form');
    default:
      return t('queue.form');
  }
}

/** /m/help: three big choices, for a worker with no account; above them what waits on the phone. */
export function HelpHome() {
  const t = useHT();
  const lang = useMLang();
  const { navigate } = useNav();
  const syncer = useHelpSync();
  const errorText = useHQueueErrorText();
  const fieldLabel = useCallback((item: OfflineItem, path: string) => queueFieldText(t, item, path), [t]);
  return (
    <div className="hp-page">
      <h1 className="m-title">{t('help.title')}</h1>
      <p className="m-sub">{t('help.intro')}</p>
      <ReceiptList lang={lang} />
      <QueuePanel
        owner={HELP_OWNER}
        hideWhenEmpty
        onSyncNow={() => syncer.run(HELP_OWNER)}
        onOpen={(item) => navigate(`/m/help/request?item=${encodeURIComponent(item.id)}`)}
        errorText={errorText}
        fieldLabel={fieldLabel}
      />
      <nav className="hp-choices" aria-label={t('help.title')}>
        {CHOICES.map((c) => (
          <a
            key={c.to}
            href={c.to}
            className="hp-choice"
            data-testid={c.testId}
            onClick={(e) => {
              e.preventDefault();
              navigate(c.to);
            }}
          >
            <svg className="hp-choice-icon" viewBox="0 0 24 24" aria-hidden="true">
              {ICONS[c.icon]}
            </svg>
            <span className="hp-choice-text">
              <span className="hp-choice-title">{t(c.title)}</span>
              <span className="hp-choice-hint">{t(c.hint)}</span>
            </span>
            <span className="hp-choice-arrow" aria-hidden="true">
              ›
            </span>
          </a>
        ))}
      </nav>
      <p className="hp-privacy">{t('help.privacy')}</p>
    </div>
  );
}
