import { useNav } from '../nav';
import { useHT, type HKey } from './help-texts';

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

/** /m/help: three big choices, for a worker with no account. */
export function HelpHome() {
  const t = useHT();
  const { navigate } = useNav();
  return (
    <div className="hp-page">
      <h1 className="m-title">{t('help.title')}</h1>
      <p className="m-sub">{t('help.intro')}</p>
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
