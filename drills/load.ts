/**
 * Write load through the real HTTP API, shared by the F-6 and F-17 drills: several concurrent
 * clients submit screenings (each with its own clientRef and ID number), and now and then record
 * a consent, send a referral and schedule a return visit on a household they screened. Every
 * acknowledged (2xx) write is kept with its id. A screening whose answer was lost (the app was
 * killed mid-request) is retried with the same clientRef once the app answers again; the other
 * writes are not retried (they carry no idempotency key), so only their acknowledged ones count.
 */
import { sql } from 'kysely';
import { createDatabase } from '../server/db/database';
import { makeIdNumber } from '../server/platform/personal-data/identity';
import { Client, day, sleep, type AppProcess, type DrillDatabase, type Reply } from './support';

export type WriteKind = 'screening' | 'consent' | 'referral' | 'visit';

export interface Ack {
  kind: WriteKind;
  id: string;
  clientRef?: string;
  /** The request was sent more than once (its first answer never came). */
  retried?: boolean;
}

export class WriteLoad {
  readonly acks: Ack[] = [];
  /** Requests whose answer never came (connection reset by a kill) or was a 5xx. */
  inDoubt = 0;
  /** 4xx answers, which a correct client never gets here: reported, and a failed check. */
  readonly refused: string[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];
  private n = 0;
  private volunteer!: Client;
  private staff!: Client;
  private resourceId = '';

  constructor(
    private readonly app: AppProcess,
    private readonly db: DrillDatabase,
    private readonly opts: { clients: number; extrasEvery?: number } = { clients: 4 },
  ) {}

  /** Signs the clients in and publishes the caring unit's resource the referrals draw on. */
  async setup(): Promise<void> {
    const base = this.app.url;
    this.volunteer = await new Client(base).login('cy_volunteer');
    this.staff = await new Client(base).login('qtx_staff');
    const unit = await new Client(base).login('rmyy_staff');
    const res = await unit.post('/api/resources', {
      kind: 'green_channel',
      title: '演练绿色通道',
      unit: '人次',
      quantity: 10_000_000,
      unitValueFen: 20000,
      validFrom: day(-1),
      validUntil: day(365),
      audience: '困难职工家庭',
    });
    if (res.status !== 201) throw new Error(`resource: ${res.status} ${res.text}`);
    this.resourceId = (res.body as { id: string }).id;
  }

  start(): void {
    this.stopped = false;
    for (let c = 0; c < this.opts.clients; c++) this.loops.push(this.loop(c));
  }

  /** Stops issuing new writes (the ones in flight still finish); stop() waits for them. */
  stopSoon(): void {
    this.stopped = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
    this.loops = [];
  }

  count(kind: WriteKind): number {
    return this.acks.filter((a) => a.kind === kind).length;
  }

  private form(n: number) {
    const birth = new Date(Date.UTC(1950, 0, 1) + (n % 20_000) * 86_400_000);
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    return {
      method: 'home_visit',
      screenedOn: day(0),
      headName: `演练户${n}`,
      idNumber: makeIdNumber('640381', ymd, String(100 + Math.floor(n / 20_000)).padStart(3, '0')),
      phone: `139${String(10_000_000 + n).padStart(8, '0')}`,
      situation: 'migrant_worker',
      divisionCode: '640381101',
      addressDetail: `大坝镇演练村 ${n} 号`,
      householdSize: 3,
      annualIncomeFen: 1_800_000 + n,
      rigidExpenseFen: 600_000,
      causes: ['serious_illness'],
      members: [],
      needs: [],
    };
  }

  /** One request; null when no answer came (killed) or a 5xx came back. */
  private async once(send: () => Promise<Reply>): Promise<Reply | null> {
    try {
      const res = await send();
      if (res.status >= 500) {
        this.inDoubt += 1;
        return null;
      }
      return res;
    } catch {
      this.inDoubt += 1;
      return null;
    }
  }

  /** Waits for the app to answer again; gives up 60 s after stop() was asked for. */
  private async untilHealthy(): Promise<boolean> {
    let stoppedAt = 0;
    while (!(await this.app.healthy())) {
      if (this.stopped) stoppedAt ||= Date.now();
      if (stoppedAt && Date.now() - stoppedAt > 60_000) return false;
      await sleep(100);
    }
    return true;
  }

  private async loop(c: number): Promise<void> {
    const extrasEvery = this.opts.extrasEvery ?? 3;
    let i = 0;
    while (!this.stopped) {
      const n = this.n++;
      i += 1;
      const clientRef = `drill-c${c}-n${n}`;
      const body = { form: this.form(n), clientRef };
      let res = await this.once(() => this.volunteer.post('/api/screenings', body));
      let retried = false;
      // The answer was lost: the screening may or may not have been written. Same clientRef again.
      while (!res) {
        retried = true;
        if (!(await this.untilHealthy())) return;
        res = await this.once(() => this.volunteer.post('/api/screenings', body));
      }
      if (res.status !== 200) {
        this.refused.push(`screening ${res.status} ${res.text.slice(0, 200)}`);
        await sleep(50);
        continue;
      }
      const r = res.body as { screeningId: string; householdId: string };
      this.acks.push({ kind: 'screening', id: r.screeningId, clientRef, retried });
      if (i % extrasEvery !== 0 || this.stopped) continue;

      const h = r.householdId;
      const consent = await this.once(() =>
        this.volunteer.post(`/api/households/${h}/consents`, {
          orgId: this.db.orgs.get('hospital'),
          givenBy: 'self',
          method: 'signed_form',
          givenOn: day(0),
        }),
      );
      if (!consent) continue;
      if (consent.status !== 201) {
        this.refused.push(`consent ${consent.status} ${consent.text.slice(0, 200)}`);
        continue;
      }
      this.acks.push({ kind: 'consent', id: (consent.body as { id: string }).id });
      // A volunteer's consent gates the referral once federation staff confirm it (issue 9 item 13).
      const consentId = (consent.body as { id: string }).id;
      const confirmed = await this.once(() => this.staff.post(`/api/consents/${consentId}/confirm`, {}));
      if (confirmed && confirmed.status !== 200) {
        this.refused.push(`consent confirm ${confirmed.status} ${confirmed.text.slice(0, 200)}`);
      }
      const referral = await this.once(() =>
        this.volunteer.post(`/api/households/${h}/referrals`, { resourceId: this.resourceId, need: '复查' }),
      );
      if (referral && referral.status === 201) {
        this.acks.push({ kind: 'referral', id: (referral.body as { id: string }).id });
      } else if (referral) this.refused.push(`referral ${referral.status} ${referral.text.slice(0, 200)}`);
      const visit = await this.once(() => this.staff.post(`/api/households/${h}/visits`, { dueOn: day(30) }));
      if (visit && visit.status === 201) {
        this.acks.push({ kind: 'visit', id: (visit.body as { id: string }).id });
      } else if (visit) this.refused.push(`visit ${visit.status} ${visit.text.slice(0, 200)}`);
    }
  }
}

const TABLE: Record<WriteKind, 'screening' | 'consent' | 'referral' | 'returnVisit'> = {
  screening: 'screening',
  consent: 'consent',
  referral: 'referral',
  visit: 'returnVisit',
};

export interface LoadVerdict {
  lost: Record<WriteKind, string[]>;
  /** clientRefs with more than one screening row. */
  duplicates: { clientRef: string; n: number }[];
  /** Acknowledged screenings whose row carries another clientRef. */
  mismatched: string[];
}

/** Compares every acknowledged write with the database at `url` (opened afresh). */
export async function verifyAcks(url: string, schema: string | undefined, acks: Ack[]): Promise<LoadVerdict> {
  const handle = createDatabase(url, { schema, poolSize: 2 });
  try {
    const db = handle.db;
    const lost = { screening: [], consent: [], referral: [], visit: [] } as Record<WriteKind, string[]>;
    const mismatched: string[] = [];
    for (const kind of Object.keys(TABLE) as WriteKind[]) {
      const mine = acks.filter((a) => a.kind === kind);
      for (let i = 0; i < mine.length; i += 500) {
        const chunk = mine.slice(i, i + 500);
        const table = TABLE[kind];
        const found = new Map<string, string | null>();
        if (table === 'screening') {
          const rows = await db
            .selectFrom('screening')
            .select(['id', 'clientRef'])
            .where(
              'id',
              'in',
              chunk.map((a) => a.id),
            )
            .execute();
          for (const r of rows) found.set(r.id, r.clientRef);
        } else {
          const rows = await db
            .selectFrom(table)
            .select('id')
            .where(
              'id',
              'in',
              chunk.map((a) => a.id),
            )
            .execute();
          for (const r of rows) found.set(r.id, null);
        }
        for (const a of chunk) {
          if (!found.has(a.id)) lost[kind].push(a.id);
          else if (kind === 'screening' && found.get(a.id) !== a.clientRef) mismatched.push(a.id);
        }
      }
    }
    const dups = await db
      .selectFrom('screening')
      .select(['clientRef', sql<number>`count(*)`.as('n')])
      .where('clientRef', 'is not', null)
      .groupBy('clientRef')
      .having(sql`count(*)`, '>', 1)
      .execute();
    return {
      lost,
      duplicates: dups.map((d) => ({ clientRef: String(d.clientRef), n: Number(d.n) })),
      mismatched,
    };
  } finally {
    await handle.close();
  }
}
