import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';
import type { FieldCipher } from '../../server/platform/personal-data/crypto';
import { isValidIdNumber } from '../../server/platform/personal-data/identity';
import { planAssistanceDemo } from '../../server/seed/assistance';

/**
 * The personal identifiers a drill hunts for, and the scanner that finds them in any text or
 * bytes: plain, with spaces or dashes between the groups, a lower-case x, the 15-digit legacy
 * form of an ID number, and UTF-16 as well as UTF-8/ASCII.
 */
export interface Secrets {
  ids: Set<string>;
  phones: Set<string>;
}

export const emptySecrets = (): Secrets => ({ ids: new Set(), phones: new Set() });

const ID_RE = /^\d{17}[\dX]$/;
const PHONE_RE = /^1[3-9]\d{9}$/;

function add(s: Secrets, value: unknown): void {
  if (typeof value !== 'string') return;
  const v = value.replace(/[\s-]/g, '').toUpperCase();
  if (ID_RE.test(v)) s.ids.add(v);
  else if (PHONE_RE.test(v)) s.phones.add(v);
}

function walk(s: Secrets, value: unknown): void {
  if (typeof value === 'string') add(s, value);
  else if (Array.isArray(value)) for (const v of value) walk(s, v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(s, v);
}

/** Every ID number and phone the demo seed's deterministic plan puts into the database. */
export function secretsFromPlan(): Secrets {
  const s = emptySecrets();
  const plan = planAssistanceDemo();
  for (const m of plan.members) add(s, m.phone);
  for (const sc of plan.screenings) walk(s, sc.form);
  return s;
}

/** Every ID number and phone stored in the database, decrypted (whatever put them there). */
export async function secretsFromDatabase(db: Kysely<Database>, cipher: FieldCipher): Promise<Secrets> {
  const s = emptySecrets();
  const dec = (v: string | null) => (v ? cipher.decrypt(v) : null);
  for (const h of await db.selectFrom('household').select(['headIdEnc', 'phoneEnc']).execute()) {
    add(s, dec(h.headIdEnc));
    add(s, dec(h.phoneEnc));
  }
  for (const m of await db.selectFrom('householdMember').select('idEnc').execute()) add(s, dec(m.idEnc));
  for (const m of await db.selectFrom('allianceMember').select('phoneEnc').execute()) add(s, dec(m.phoneEnc));
  for (const sc of await db.selectFrom('screening').select('dataEnc').execute()) {
    walk(s, JSON.parse(cipher.decrypt(sc.dataEnc)));
  }
  return s;
}

export function merge(...all: Secrets[]): Secrets {
  const s = emptySecrets();
  for (const x of all) {
    for (const v of x.ids) s.ids.add(v);
    for (const v of x.phones) s.phones.add(v);
  }
  return s;
}

/** 640381198503120421 → 640381850312042: the 15-digit form ID numbers had before 1999. */
export const legacyId = (id: string) => id.slice(0, 6) + id.slice(8, 17);

export interface Hit {
  kind: 'id' | 'legacy_id' | 'phone' | 'id_pattern' | 'phone_pattern';
  value: string;
  /** Some text around the hit, with the value itself masked. */
  context: string;
}

export class PiiScanner {
  private readonly ids: Set<string>;
  private readonly legacy: Set<string>;
  private readonly phones: Set<string>;
  scannedChars = 0;

  /**
   * @param patterns also report any checksum-valid ID number or any mainland mobile number, seeded
   *   or not (for the test suite, whose fixtures invent their own).
   */
  constructor(
    secrets: Secrets,
    private readonly patterns = false,
  ) {
    this.ids = new Set(secrets.ids);
    this.phones = new Set(secrets.phones);
    this.legacy = new Set([...secrets.ids].map(legacyId));
  }

  get counts() {
    return { ids: this.ids.size, legacyIds: this.legacy.size, phones: this.phones.size };
  }

  /** Every seeded identifier in the text, in any of the variants; digit runs may hold spaces or dashes. */
  scan(text: string): Hit[] {
    this.scannedChars += text.length;
    const hits: Hit[] = [];
    const runs = /[0-9Xx](?:[0-9Xx]|[ -](?=[0-9Xx]))*/g;
    for (let m = runs.exec(text); m; m = runs.exec(text)) {
      const raw = m[0];
      if (raw.length < 11) continue;
      const digits = raw.replace(/[ -]/g, '').toUpperCase();
      if (digits.length < 11) continue;
      const found = new Map<string, Hit['kind']>();
      for (let i = 0; i + 11 <= digits.length; i++) {
        const p = digits.slice(i, i + 11);
        if (this.phones.has(p)) found.set(p, 'phone');
        const l = digits.slice(i, i + 15);
        if (l.length === 15 && this.legacy.has(l)) found.set(l, 'legacy_id');
        const id = digits.slice(i, i + 18);
        if (id.length === 18 && this.ids.has(id)) found.set(id, 'id');
      }
      const edge = /[0-9A-Za-z_]/;
      const standalone = !edge.test(text[m.index - 1] ?? '') && !edge.test(text[m.index + raw.length] ?? '');
      if (this.patterns && standalone) {
        // Whole runs only: a stand-alone 18-character ID number or 11-digit mobile number.
        if (/^\d{17}[\dX]$/.test(digits) && isValidIdNumber(digits) && !found.has(digits))
          found.set(digits, 'id_pattern');
        if (/^1[3-9]\d{9}$/.test(digits) && !found.has(digits)) found.set(digits, 'phone_pattern');
      }
      for (const [value, kind] of found) {
        const from = Math.max(0, m.index - 60);
        const context = text
          .slice(from, m.index + raw.length + 60)
          .replace(/\d[\d -]{4,}[\dXx]?/g, (d) => '#'.repeat(d.length));
        hits.push({ kind, value, context: context.replace(/\s+/g, ' ') });
      }
    }
    return hits;
  }

  /** Bytes of a file: as Latin-1 (ASCII and UTF-8 digits) and as UTF-16 at both alignments. */
  scanBytes(buf: Buffer): { utf8: Hit[]; utf16: Hit[] } {
    const utf8 = this.scan(buf.toString('latin1'));
    const utf16 = [...this.scan(buf.toString('utf16le')), ...this.scan(buf.subarray(1).toString('utf16le'))];
    this.scannedChars -= buf.length; // count bytes once
    return { utf8, utf16 };
  }
}

/** A hit for the report, the value masked to its last four characters. */
export const describeHit = (h: Hit) =>
  `${h.kind} ${'*'.repeat(Math.max(0, h.value.length - 4))}${h.value.slice(-4)} in …${h.context}…`;

/**
 * A positive control: the scanner must find one seeded ID number and phone planted in each
 * variant it claims to cover, or a 0-hit scan would prove nothing. Returns what it missed.
 */
export function scannerSelfTest(secrets: Secrets): string[] {
  const id = [...secrets.ids].find((x) => x.endsWith('X')) ?? [...secrets.ids][0];
  const phone = [...secrets.phones][0];
  if (!id || !phone) return ['no identifiers to look for'];
  const scanner = new PiiScanner(secrets);
  const samples: [string, string][] = [
    ['plain ID in JSON', `{"q":"${id}"}`],
    ['ID with spaces', `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`],
    ['ID with dashes, lower-case x', `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14).toLowerCase()}`],
    ['15-digit legacy ID', `id=${legacyId(id)}&`],
    ['ID inside a URL', `/api/households?idNumber=${id}`],
    ['phone plain', `tel:${phone}`],
    ['phone +86', `+86${phone}`],
    ['phone with spaces', `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`],
    ['phone with dashes', `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`],
  ];
  const missed = samples.filter(([, text]) => scanner.scan(text).length === 0).map(([what]) => what);
  const bytes = (enc: BufferEncoding) =>
    Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`x${id}y`, enc), Buffer.from([9])]);
  if (scanner.scanBytes(bytes('latin1')).utf8.length === 0) missed.push('ID in UTF-8 bytes');
  if (scanner.scanBytes(bytes('utf16le')).utf16.length === 0) missed.push('ID in UTF-16 bytes');
  return missed;
}
