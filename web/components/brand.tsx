import { useT } from '../app/i18n';

/** The heart-in-hands mark and name; `compact` drops the long name for narrow headers. */
export function Brand({ compact = false, inverse = false }: { compact?: boolean; inverse?: boolean }) {
  const t = useT();
  return (
    <span className={inverse ? 'uc-brand uc-brand-inverse' : 'uc-brand'}>
      <svg className="uc-brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="16" fill="currentColor" />
        <path
          d="M16 24.5s-7.5-4.6-7.5-10a4.2 4.2 0 0 1 7.5-2.6 4.2 4.2 0 0 1 7.5 2.6c0 5.4-7.5 10-7.5 10z"
          fill="#fff"
        />
      </svg>
      <span className="uc-brand-name">{compact ? t('app.shortName') : t('app.name')}</span>
    </span>
  );
}
