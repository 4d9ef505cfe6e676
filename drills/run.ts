/**
 * `npm run drill -- <name>|all [--quick] [options]`: quality drills (../shared/design/quality.md),
 * each a script with a pass/fail verdict. Every drills/f<N>.ts file is a drill (f6 → F-6), run in
 * a child process; it prints its checks as ✓/✗ and exits non-zero when one failed. `all` runs
 * every drill in order and prints the verdicts and timings. `--quick` is the short profile CI can
 * run; without it the full profile runs. Options after the name go to the drill(s).
 *
 * Adding a drill: create drills/f<N>.ts opening with a comment that holds a line
 *   @drill F-<N> <one line: what it proves>
 * (else its first line is shown), then `@options …` lines. Accept --quick; print each check as
 * ✓/✗ and exit non-zero on a failed verdict (drills/support.ts has check() and drill() for
 * that). Helpers that are not drills go in files not named f<N>.ts. No registration here —
 * except for the drills named by what they drill rather than by a quality number (NAMED below),
 * run after the numbered ones.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DIR = resolve('drills');
/** Drills named by their subject (drills/<name>.ts), run after the numbered ones. */
const NAMED = ['votes'];

interface Drill {
  name: string;
  file: string;
  about: string;
}

function discover(): Drill[] {
  const numbered = readdirSync(DIR)
    .filter((f) => /^f\d+\.ts$/.test(f))
    .sort((a, b) => Number(a.slice(1, -3)) - Number(b.slice(1, -3)));
  const named = NAMED.map((n) => `${n}.ts`).filter((f) => readdirSync(DIR).includes(f));
  return [...numbered, ...named].map((f) => {
    const text = readFileSync(resolve(DIR, f), 'utf8');
    // The @drill line, else the first line of the opening comment.
    const about =
      /@drill\s+(.+)/.exec(text)?.[1]?.trim() ??
      /^\/\*\*?\s*\n?\s*\*?\s*(.+)/.exec(text)?.[1]?.trim() ??
      '(no description)';
    return { name: f.slice(0, -3), file: resolve(DIR, f), about };
  });
}

const drills = discover();
const [requested, ...rest] = process.argv.slice(2);

function usage(code: number): never {
  process.stdout.write(
    `usage: npm run drill -- <name>|all [--quick] [options]\n\n${drills
      .map((d) => `  ${d.name.padEnd(5)} ${d.about}`)
      .join('\n')}\n`,
  );
  process.exit(code);
}

function run(d: Drill, args: string[]): { status: number; seconds: number } {
  process.stdout.write(`\n=== drill ${d.name} ${args.join(' ')}\n${d.about}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', d.file, ...args], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  return { status: r.status ?? 1, seconds: (Date.now() - t0) / 1000 };
}

if (!requested || requested === '--help') usage(requested ? 0 : 1);
const key = requested.toLowerCase().replace('-', '');
if (key === 'all') {
  const results = drills.map((d) => ({ d, ...run(d, rest) }));
  process.stdout.write(`\n=== drills ${rest.join(' ')}\n`);
  for (const r of results) {
    process.stdout.write(
      `  ${r.status === 0 ? '✓ PASS' : '✗ FAIL'}  ${r.d.name.padEnd(5)} ${r.seconds.toFixed(1).padStart(6)} s\n`,
    );
  }
  const total = results.reduce((s, r) => s + r.seconds, 0);
  const failed = results.filter((r) => r.status !== 0);
  process.stdout.write(
    `  total ${total.toFixed(1)} s; ${failed.length ? `${failed.length} failed` : 'all passed'}\n`,
  );
  process.exit(failed.length ? 1 : 0);
}
const one = drills.find((d) => d.name === key);
if (!one) usage(1);
process.exit(run(one, rest).status);
