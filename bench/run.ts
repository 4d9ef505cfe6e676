/**
 * `npm run bench -- <scenario> [options]` or `npm run bench -- all`: each scenario is a script of
 * its own (bench/<scenario>.ts), run in a child process so its memory figures are its own. The
 * scenarios print their figures beside a baseline measured in the same run, as ratios; nothing
 * here passes or fails on a time. Results and the commands are kept in docs/BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Scenario → what it measures, and the options `all` runs it with (the full profile). */
const SCENARIOS: Record<string, { about: string; all: string[] }> = {
  import: { about: 'screening import through the real path vs exceljs parse-only (100k rows)', all: [] },
  writes: { about: 'concurrent screening submissions vs a raw insert route, both engines', all: [] },
  referrals: { about: 'simultaneous referrals against small stock: throughput and invariant', all: [] },
  sync: {
    about: 'offline queues of 20 phones (500 screenings) coming online at once vs straight POSTs',
    all: [],
  },
  dashboard: {
    about: 'each dashboard query through the API vs the same SQL directly, at N households',
    all: ['--households', '1000000'],
  },
  votes: {
    about:
      'vote load over HTTP (10% duplicates, midnight crossing) vs a raw insert route, both engines; a whole campaign’s tally, recount and analytics vs raw SQL',
    all: [],
  },
  frontend: { about: 'JavaScript shipped per entry point, gzipped', all: [] },
  processes: { about: 'three app processes behind a round-robin proxy vs one, PostgreSQL', all: [] },
  pages: {
    about:
      'axe on every phone page (normal, 大字 at 200% zoom), the installed app, Lighthouse (mobile) compressed vs as is',
    all: [],
  },
};

const [name, ...rest] = process.argv.slice(2);
const available = Object.keys(SCENARIOS).filter((s) => existsSync(resolve('bench', `${s}.ts`)));

function usage(): never {
  process.stdout.write(
    `usage: npm run bench -- <scenario> [options] | all\n\n${available
      .map((s) => `  ${s.padEnd(10)} ${SCENARIOS[s].about}`)
      .join('\n')}\n`,
  );
  process.exit(name ? 1 : 0);
}

function run(scenario: string, args: string[]): number {
  process.stdout.write(`\n=== bench ${scenario} ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve('bench', `${scenario}.ts`), ...args], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  return r.status ?? 1;
}

if (!name || name === '--help') usage();
if (name === 'all') {
  const failed = available.filter((s) => run(s, [...SCENARIOS[s].all, ...rest]) !== 0);
  if (failed.length) {
    process.stderr.write(`\nscenarios that did not finish: ${failed.join(', ')}\n`);
    process.exit(1);
  }
} else if (available.includes(name)) {
  process.exit(run(name, rest));
} else {
  usage();
}
