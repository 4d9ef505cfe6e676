import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db/database';
import { AuditLog } from '../server/platform/audit/audit-log';
import { systemClock, uuidv7Generator } from '../server/platform/clock';

/** `npm run audit:verify`: walks the audit chain; exit 1 names the first row that does not verify. */
const config = loadConfig();
const database = createDatabase(config.databaseUrl);
try {
  const log = new AuditLog(
    Buffer.from(config.secrets.auditHmacKey, 'base64'),
    systemClock,
    uuidv7Generator(),
  );
  const r = await log.verify(database.db);
  if (r.ok) {
    process.stdout.write(`audit chain ok: ${r.checked} rows verified\n`);
  } else {
    process.stdout.write(
      `audit chain BROKEN at seq ${r.brokenAt} (${r.reason}); ${r.checked} rows verified before it\n`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
