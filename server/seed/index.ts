import type { App } from '../app';
import type { Platform } from '../platform/platform';
import { seedAssistance } from './assistance';
import { seedFoundation } from './foundation';

/**
 * Fills an empty database with the demo setting — the organisations and users, then the
 * Qingtongxia alliance through the real services; a database that holds organisations is left alone.
 */
export async function seedDemoIfEmpty(p: Platform, services: App['services']): Promise<boolean> {
  const any = await p.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const foundation = await seedFoundation(p);
  await seedAssistance(p, services.assistance, foundation, (id) => services.users.loadActor(id, 'seed'));
  return true;
}

export { DEMO_PASSWORD, DEMO_USERS, describeDemoUsers } from './foundation';
