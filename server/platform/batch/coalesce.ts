/**
 * Coalesced reads: the lookups asked for in one turn of the event loop are answered by one query.
 * Under load many requests arrive in the same turn (each resolving its session, say); instead of
 * one statement each — built, sent and run apart — the keys are collected and `fetch` reads them
 * all at once (`… WHERE id IN (…)`), each caller getting its own row. Nothing is kept between
 * turns: a row written or ended before a lookup is seen by it, exactly as a lookup of its own.
 */
export class Coalescer<K, V> {
  private pending = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;

  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxKeys = 500,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.pending;
    this.pending = new Map();
    const keys = [...all.keys()];
    for (let i = 0; i < keys.length; i += this.maxKeys) {
      const part = keys.slice(i, i + this.maxKeys);
      this.fetch(part).then(
        (found) => {
          for (const k of part) for (const w of all.get(k)!) w.resolve(found.get(k));
        },
        (err: unknown) => {
          for (const k of part) for (const w of all.get(k)!) w.reject(err);
        },
      );
    }
  }
}
