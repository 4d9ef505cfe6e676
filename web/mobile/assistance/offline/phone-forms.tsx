import { offlineStore } from '../../kit/offline/store';
import { useRecords } from '../../kit/offline/hooks';
import { useNav } from '../../nav';
import { usePhoneSync } from '../../offline-session';
import { useST } from '../texts';
import { FORM_KIND, type PhoneForm } from './offline-screening';

const shortTime = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * Forms filled in with no network and not yet submitted: kept on the phone (a closed page loses
 * nothing), opened again to go on; online, opening one saves it as a server draft.
 */
export function PhoneForms() {
  const t = useST();
  const { navigate } = useNav();
  const { owner } = usePhoneSync();
  const forms = useRecords<PhoneForm>(owner, FORM_KIND) ?? [];
  if (forms.length === 0) return null;
  return (
    <section data-testid="m-phone-forms">
      <h2 className="m-subtitle">{t('home.onPhone', { n: forms.length })}</h2>
      <p className="ms-hint">{t('home.onPhoneHint')}</p>
      <ul className="m-drafts">
        {forms.map((r) => (
          <li key={r.key} className="m-draft" data-testid={`m-phone-form-${r.key}`}>
            <button
              type="button"
              className="m-draft-main"
              onClick={() => navigate(`/m/screen?local=${encodeURIComponent(r.key)}`)}
            >
              <span className="m-draft-name">
                {typeof r.data.form.headName === 'string' && r.data.form.headName
                  ? r.data.form.headName
                  : t('home.unnamed')}
              </span>
              <span className="m-draft-time">{t('home.updated', { time: shortTime(r.savedAt) })}</span>
            </button>
            <button
              type="button"
              className="m-draft-discard"
              onClick={() => void offlineStore().removeRecord(owner, FORM_KIND, r.key)}
            >
              {t('home.discard')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
