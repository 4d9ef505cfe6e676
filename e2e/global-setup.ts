import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnServer } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder holding a freshly seeded demo database and its keys (see support.ts startServer). */
    e2eTemplate: string;
  }
}

/** Seeds the demo once for the whole run: the real server on a new file, stopped when it is ready. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'uc-e2e-template-'));
  const server = await spawnServer(dir, { keep: true });
  await server.stop();
  project.provide('e2eTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
