import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Signed checkpoints of the audit chain's head, kept outside the database it protects (issue 9
 * item 9, F-8). Deleting the newest rows and rewinding `audit_head` leaves a chain that verifies on
 * its own; a checkpoint written earlier — (seq, hash) signed with a key derived from the audit
 * key — shows that the chain once reached further, or had another row at that place.
 *
 * The store is a JSON-lines file opened for appending only (put it on storage the database's
 * administrators cannot rewrite: another host, a volume with `chattr +a`); every checkpoint is
 * also written to the application log, which is shipped away from the database as well.
 */
export interface Checkpoint {
  /** The hash of the chain's first row: which chain this is (a fresh database has another). */
  chain: string;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

export interface CheckpointRead {
  items: Checkpoint[];
  /** Lines of this chain whose signature does not verify (altered or forged), by line number. */
  badLines: number[];
}

const LABEL = 'unioncare audit checkpoint v1';

export class CheckpointStore {
  private readonly key: Buffer;

  constructor(
    auditKey: Buffer,
    readonly file: string,
  ) {
    this.key = createHmac('sha256', auditKey).update(LABEL).digest();
  }

  sign(c: Omit<Checkpoint, 'mac'>): string {
    return createHmac('sha256', this.key).update(`${c.chain}\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');
  }

  private valid(c: Checkpoint): boolean {
    const want = Buffer.from(this.sign(c), 'hex');
    const got = Buffer.from(String(c.mac), 'hex');
    return want.length === got.length && timingSafeEqual(want, got);
  }

  /** Appends one signed line (O_APPEND: a line is never interleaved with another writer's). */
  append(c: Omit<Checkpoint, 'mac'>): Checkpoint {
    const line: Checkpoint = { ...c, mac: this.sign(c) };
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(line)}\n`, { flag: 'a', mode: 0o600 });
    return line;
  }

  /**
   * The checkpoints of the chain that starts with `chain` (all signed ones when the chain is
   * empty: an emptied table is no other chain). Lines of other chains — another database that
   * used the same file — are skipped; an unreadable or badly signed line of this chain is named.
   */
  read(chain: string | null): CheckpointRead {
    const items: Checkpoint[] = [];
    const badLines: number[] = [];
    if (!existsSync(this.file)) return { items, badLines };
    const lines = readFileSync(this.file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let c: Checkpoint;
      try {
        c = JSON.parse(text) as Checkpoint;
      } catch {
        badLines.push(i + 1);
        return;
      }
      if (chain !== null && c.chain !== chain) return;
      if (typeof c.seq !== 'number' || typeof c.hash !== 'string' || !this.valid(c)) {
        // With an empty chain a line signed with another key is another deployment's.
        if (chain !== null) badLines.push(i + 1);
        return;
      }
      items.push(c);
    });
    return { items, badLines };
  }
}

export function auditCheckpointStore(auditKey: Buffer, file: string | null): CheckpointStore | null {
  return file ? new CheckpointStore(auditKey, file) : null;
}

interface CheckpointHost {
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  addHook(name: 'onClose', hook: () => Promise<void>): unknown;
}

interface CheckpointWriter {
  db: Kysely<Database>;
  audit: {
    checkpoints: CheckpointStore | null;
    checkpoint(db: Kysely<Database>): Promise<Checkpoint | null>;
  };
}

/**
 * Writes a checkpoint every `everySeconds` (when the head moved) and on close; each one also goes
 * to the log, the second copy away from both the database and the file.
 */
export function startAuditCheckpoints(app: CheckpointHost, p: CheckpointWriter, everySeconds: number): void {
  if (!p.audit.checkpoints) return;
  let running: Promise<void> = Promise.resolve();
  const once = () => {
    running = running.then(async () => {
      try {
        const c = await p.audit.checkpoint(p.db);
        if (c) app.log.info({ auditCheckpoint: c }, 'audit checkpoint');
      } catch (err) {
        app.log.error({ err }, 'audit checkpoint failed');
      }
    });
    return running;
  };
  const timer = setInterval(() => void once(), everySeconds * 1000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await once();
  });
}
