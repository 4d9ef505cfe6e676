import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db/database';
import { AuditLog } from '../server/platform/audit/audit-log';
import { auditCheckpointStore } from '../server/platform/audit/checkpoint';
import { systemClock, uuidv7Generator } from '../server/platform/clock';

/**
 * `npm run audit:verify`: walks the audit chain and compares it with the signed checkpoints in
 * AUDIT_CHECKPOINT_FILE; exit 1 names the first row (or the checkpoint) that does not verify.
 */
const config = loadConfig();
const database = createDatabase(config.databaseUrl);
try {
  const key = Buffer.from(config.secrets.auditHmacKey, 'base64');
  const checkpoints = auditCheckpointStore(key, config.auditCheckpoint.file);
  const log = new AuditLog(key, systemClock, uuidv7Generator(), checkpoints);
  const r = await log.verify(database.db);
  if (r.ok) {
    const against = r.checkpoint
      ? `; agrees with checkpoint seq ${r.checkpoint.seq} of ${r.checkpoint.at} (${checkpoints?.file})`
      : checkpoints
        ? `; no checkpoint yet in ${checkpoints.file}`
        : '; no checkpoint file configured';
    process.stdout.write(`audit chain ok: ${r.checked} rows verified${against}\n`);
  } else {
    const where = r.brokenAt === undefined ? '' : ` at seq ${r.brokenAt}`;
    process.stdout.write(`audit chain BROKEN${where} (${r.reason}); ${r.checked} rows verified before it\n`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
