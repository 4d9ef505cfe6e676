import type { App } from '../app';
import type { Platform, RequestContext } from '../platform/platform';
import { seedAssistance } from './assistance';
import { seedFoundation, seedShanxiFoundation } from './foundation';
import { seedHelp } from './help';
import { seedMembership } from './membership';
import { seedVote } from './vote';

/**
 * Fills an empty database with the demo setting — the organisations and users, then the
 * Qingtongxia alliance through the real services (screening and archives, then the help side),
 * then the Shanxi tree with its membership roll and the two role-model vote campaigns; a database
 * that holds organisations is left alone.
 */
export async function seedDemoIfEmpty(p: Platform, services: App['services']): Promise<boolean> {
  const any = await p.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const foundation = await seedFoundation(p);
  const loadActor = (id: string) => services.users.loadActor(id, 'seed');
  await seedAssistance(p, services.assistance, foundation, loadActor);
  await seedHelp(p, services.assistance, foundation.orgs, demoContexts(foundation.users, loadActor));
  await seedShanxiFoundation(p, foundation);
  const as = demoContexts(foundation.users, loadActor);
  await seedMembership(p, services, foundation.orgs, as);
  await seedVote(p, services, foundation.orgs, foundation.users, as);
  return true;
}

/** Acting as a demo user: the same actor the user would have after signing in. */
export function demoContexts(
  users: Map<string, string>,
  loadActor: (userId: string) => Promise<RequestContext['actor'] | null>,
): (username: string) => Promise<RequestContext> {
  const contexts = new Map<string, RequestContext>();
  return async (username) => {
    const known = contexts.get(username);
    if (known) return known;
    const userId = users.get(username);
    const actor = userId ? await loadActor(userId) : null;
    if (!actor) throw new Error(`demo seed: user ${username} is missing or inactive`);
    const ctx = { actor, ip: null };
    contexts.set(username, ctx);
    return ctx;
  };
}

export { DEMO_PASSWORD, DEMO_USERS, describeDemoUsers } from './foundation';
