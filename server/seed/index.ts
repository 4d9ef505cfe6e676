import type { Platform } from '../platform/platform';
import { seedFoundation } from './foundation';

/** Fills an empty database with the demo setting; a database that holds organisations is left alone. */
export async function seedDemoIfEmpty(p: Platform): Promise<boolean> {
  const any = await p.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await seedFoundation(p);
  return true;
}

export { DEMO_PASSWORD, DEMO_USERS, describeDemoUsers } from './foundation';
