import { useOnline } from '../../kit/offline/hooks';
import { useST } from '../texts';

/** The line under the header while the phone has no network: work goes on, and is kept. */
export function OfflineLine() {
  const t = useST();
  const online = useOnline();
  if (online) return null;
  return (
    <p className="m-offline" role="status" data-testid="m-offline">
      {t('offline.banner')}
    </p>
  );
}
