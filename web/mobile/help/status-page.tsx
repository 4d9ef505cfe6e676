import { useId, useState } from 'react';
import { isApiError } from '../../api/client';
import { useNav } from '../nav';
import { useStatusLookup, type StatusItem } from './help-api';
import { useHelpOtp } from './help-otp';
import { useHErrorText, useHT, type HKey } from './help-texts';
import { CodeField, PhoneField } from '../kit/otp';
import { ActionBar, Banner } from '../kit/page';

/** The request's own state — received, or taken up by a person — never the household's. */
function StatusCard({ item }: { item: StatusItem }) {
  const t = useHT();
  const tone = item.state === 'received' ? 'hp-state-wait' : 'hp-state-on';
  return (
    <li className="hp-card" data-testid={`status-item-${item.reference}`} data-state={item.state}>
      <div className="hp-card-top">
        <span className="hp-card-name">{item.headNameMasked}</span>
        <span className="hp-card-ref ms-mono">{item.reference}</span>
      </div>
      <p className={`hp-state ${tone}`} data-testid={`status-state-${item.reference}`}>
        {t(`state.${item.state}` as HKey)}
      </p>
      <p className="hp-card-line ms-muted">{t('status.submitted', { date: item.submittedOn })}</p>
    </li>
  );
}

/** 查询进度: the phone and a code, then one card per request for that phone. */
export function HelpStatusPage() {
  const t = useHT();
  const errorText = useHErrorText();
  const { navigate } = useNav();
  const uid = useId();
  const otp = useHelpOtp();
  const lookup = useStatusLookup();
  const [items, setItems] = useState<StatusItem[] | null>(null);
  const [banner, setBanner] = useState<string | null>(null);

  const submit = async () => {
    setBanner(null);
    if (!otp.sentTo) {
      otp.setPhoneError(otp.phone ? t('otp.needSend') : t('otp.needPhone'));
      return;
    }
    if (!otp.codeReady()) return;
    try {
      const result = await lookup.mutateAsync({ phone: otp.sentTo, code: otp.code });
      otp.reset();
      setItems(result.items);
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.some((f) => f.field === 'body.code')) {
        otp.setCodeError(t('error.otp.invalid'));
        return;
      }
      if (isApiError(err) && err.fieldErrors.some((f) => f.field === 'body.phone')) {
        otp.setPhoneError(t('v.phone'));
        return;
      }
      setBanner(errorText(err));
    }
  };

  if (items) {
    return (
      <div className="hp-page" data-testid="status-result">
        <h1 className="hp-title">{t('help.status')}</h1>
        {items.length === 0 ? (
          <p className="m-empty" data-testid="status-empty">
            {t('status.none')}
          </p>
        ) : (
          <>
            <p className="ms-hint">{t('status.count', { n: items.length })}</p>
            <ul className="hp-cards">
              {items.map((item) => (
                <StatusCard key={item.reference} item={item} />
              ))}
            </ul>
          </>
        )}
        <div className="ms-result-actions hp-after">
          {items.length === 0 ? (
            <button
              type="button"
              className="ms-btn ms-btn-primary"
              onClick={() => navigate('/m/help/request')}
            >
              {t('help.request')}
            </button>
          ) : null}
          <button type="button" className="ms-btn" onClick={() => setItems(null)} data-testid="status-again">
            {t('status.again')}
          </button>
          <button type="button" className="ms-btn" onClick={() => navigate('/m/help')}>
            {t('help.home')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="hp-page ms-wizard">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 className="hp-title">{t('help.status')}</h1>
        <p className="ms-hint ms-lead">{t('status.lead')}</p>
        <PhoneField
          otp={otp}
          id={`${uid}-phone`}
          testIds={{ phone: 'status-phone', send: 'status-send-code' }}
        />
        <CodeField otp={otp} id={`${uid}-code`} testIds={{ code: 'status-code', send: 'status-send-code' }} />
        <Banner text={banner} testId="status-error" />
        <ActionBar
          className="hp-actions"
          back={{ label: t('help.back'), onClick: () => navigate('/m/help') }}
          submit={{
            label: lookup.isPending ? t('status.checking') : t('status.submit'),
            disabled: lookup.isPending,
            testId: 'status-submit',
          }}
        />
      </form>
    </div>
  );
}
