import { createContext, useContext, type ReactNode } from 'react';
import { useSyncer } from '../kit/offline/hooks';
import { type Syncer } from '../kit/offline/syncer';
import { HELP_OWNER, HELP_SENDERS } from './offline-request';

const HelpSyncContext = createContext<Syncer | null>(null);

/**
 * The workers' queue's syncer (owner 'public': no account), running while any help page is open:
 * what a worker kept on the phone goes when the network returns. The signed-in pages have their own.
 */
export function HelpSync({ children }: { children: ReactNode }) {
  const syncer = useSyncer(HELP_OWNER, HELP_SENDERS);
  return <HelpSyncContext.Provider value={syncer}>{children}</HelpSyncContext.Provider>;
}

export function useHelpSync(): Syncer {
  const syncer = useContext(HelpSyncContext);
  if (!syncer) throw new Error('useHelpSync outside HelpSync');
  return syncer;
}
