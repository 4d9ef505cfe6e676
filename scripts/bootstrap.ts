import { parseArgs } from 'node:util';
import { buildApp, MIGRATIONS } from '../server/app';
import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrator';
import { randomToken } from '../server/platform/personal-data/crypto';

/**
 * First start of a real installation (SEED_DEMO=false): creates the root organisation and one
 * platform admin with a temporary password, which must be changed at first sign-in.
 *   npm run bootstrap -- --org 宁夏回族自治区总工会 --kind province --division 64 --username admin
 */
const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    kind: { type: 'string', default: 'national' },
    division: { type: 'string' },
    username: { type: 'string', default: 'admin' },
    name: { type: 'string', default: '平台管理员' },
  },
});
if (!values.org || !values.division) {
  process.stderr.write(
    'usage: npm run bootstrap -- --org NAME --division CODE [--kind national|province|city|county] [--username admin]\n',
  );
  process.exit(2);
}
if (!['national', 'province', 'city', 'county'].includes(values.kind!)) {
  process.stderr.write('--kind must be national, province, city or county\n');
  process.exit(2);
}

const config = loadConfig();
const database = createDatabase(config.databaseUrl);
try {
  await migrateToLatest(database, MIGRATIONS);
  const { platform: p, app } = await buildApp({ config, database, logger: false });
  const existing = await p.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('the database already has organisations; bootstrap is for an empty one');
  const orgId = p.ids();
  const userId = p.ids();
  const now = p.clock.now().toISOString();
  const password = `${randomToken(14).replace(/[-_]/g, 'x')}a7`;
  const hash = await p.hasher.hash(password);
  await p.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisation')
      .values({
        id: orgId,
        parentId: null,
        path: `/${orgId}/`,
        depth: 0,
        kind: values.kind!,
        caringKind: null,
        name: values.org!,
        divisionCode: values.division!,
        jurisdictionId: orgId,
        status: 'active',
        contactPerson: null,
        address: null,
        sortOrder: 0,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto('appUser')
      .values({
        id: userId,
        orgId,
        username: values.username!.toLowerCase(),
        displayName: values.name!,
        passwordHash: hash,
        status: 'active',
        mustChangePassword: 1,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await trx.insertInto('userRole').values({ userId, role: 'platform_admin' }).execute();
    await p.audit.append(
      trx,
      { actor: null, ip: null },
      {
        action: 'system.bootstrap',
        subjectType: 'user',
        subjectId: userId,
        details: { orgId },
      },
    );
  });
  await app.close();
  process.stdout.write(
    `created ${values.org} and user ${values.username}; temporary password: ${password}\n`,
  );
} finally {
  await database.close();
}
