import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the suite's time per module and engine after a run (CI shows where the minutes go).
 * A file's module is its folder under server/modules (or the top folder elsewhere); its time is
 * the file's own duration, so files that ran in parallel add up to more than the wall time.
 */
export function moduleOf(relativePath: string): string {
  const m = /^server\/modules\/([^/]+)\//.exec(relativePath);
  if (m) return `server/modules/${m[1]}`;
  const parts = relativePath.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

export default class ModuleTimesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = new Map<string, { files: number; tests: number; ms: number }>();
    for (const tm of testModules) {
      const key = `${moduleOf(tm.relativeModuleId)} · ${tm.project.name}`;
      const row = rows.get(key) ?? { files: 0, tests: 0, ms: 0 };
      row.files += 1;
      row.tests += [...tm.children.allTests()].length;
      row.ms += tm.diagnostic().duration;
      rows.set(key, row);
    }
    if (rows.size === 0) return;
    const sorted = [...rows.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const width = Math.max(...sorted.map(([k]) => k.length));
    const lines = sorted.map(
      ([k, r]) =>
        `  ${k.padEnd(width)}  ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${String(r.files).padStart(3)} files  ${String(r.tests).padStart(5)} tests`,
    );
    process.stdout.write(`\nTest time per module (sum of file durations):\n${lines.join('\n')}\n`);
  }
}
