import { buildApp, MIGRATIONS } from './app';
import { loadConfig } from './config';
import { createDatabase } from './db/database';
import { clockStartingAt, systemClock } from './platform/clock';
import { migrateBeforeStart } from './db/app-role';
import { DEMO_PASSWORD, describeDemoUsers, seedDemoIfEmpty } from './seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl);
  await migrateBeforeStart(database, config.databaseUrl, config.migrationDatabaseUrl, MIGRATIONS);
  // UC_CLOCK_START (never in production; config refuses it there): the clock starts at that instant.
  const clock = config.clockStart ? clockStartingAt(config.clockStart) : systemClock;
  const { app, platform, services } = await buildApp({ config, database, clock });
  if (config.clockStart) app.log.warn({ clockStart: config.clockStart }, 'clock started at UC_CLOCK_START');
  if (config.seedDemo && (await seedDemoIfEmpty(platform, services))) {
    app.log.info('demo data created');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.seedDemo) {
    process.stdout.write(
      `\nUnionCare 爱心联盟 · 职工服务平台 is running on http://${config.host}:${config.port}\n` +
        `Engine: ${database.engine}. Demo accounts (password ${DEMO_PASSWORD}):\n${describeDemoUsers()}\n\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
