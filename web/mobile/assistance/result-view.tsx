import type { ReactNode } from 'react';
import type { SubmitResultView } from '../../features/assistance/core/hooks';
import { useST } from './texts';

/** What became of a submitted screening: new or matched household, near duplicates, who is responsible. */
export function ScreeningResult({
  result,
  headName,
  actions,
}: {
  result: SubmitResultView;
  headName: string;
  actions: ReactNode;
}) {
  const t = useST();
  return (
    <section className="ms-result" data-testid="m-result" aria-labelledby="ms-result-title">
      <div className="ms-result-icon" aria-hidden="true">
        ✓
      </div>
      <h2 id="ms-result-title">
        {t('result.title')}
        {headName ? ` · ${headName}` : ''}
      </h2>
      <ul className="ms-result-lines">
        <li data-testid="m-result-match" data-match={result.match}>
          {t(`result.${result.match}`)}
        </li>
        {result.nearMatches > 0 ? (
          <li className="ms-result-warn" data-testid="m-result-near">
            {t('result.near', { n: result.nearMatches })}
          </li>
        ) : null}
        <li data-testid="m-result-org">
          {result.responsibleOrgName
            ? t('result.assigned', { org: result.responsibleOrgName })
            : t('result.unassigned')}
        </li>
      </ul>
      <div className="ms-result-actions">{actions}</div>
    </section>
  );
}
