import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dictionary } from '../i18n/core';
import { errorMessages } from './error-messages';
import { FEATURES } from './features';
import { messages } from './messages';

const loaded = Promise.all(
  FEATURES.map(async (feature) => [feature.name, await feature.messages()] as const),
).then((pairs) => new Map<string, Dictionary>(pairs));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') && entry.name !== 'messages.ts'
      ? [path]
      : [];
  });

describe('the dictionaries', () => {
  it('never give one key to two dictionaries', async () => {
    const owners = new Map<string, string[]>();
    const all: [string, Dictionary][] = [['shell', messages], ['errors', errorMessages], ...(await loaded)];
    for (const [name, dictionary] of all) {
      for (const key of Object.keys(dictionary)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it('give every entry a Chinese text and its English twin', async () => {
    for (const dictionary of [messages, errorMessages, ...(await loaded).values()]) {
      for (const [key, entry] of Object.entries(dictionary)) {
        expect(entry.zh.trim(), key).not.toBe('');
        // An empty English text is deliberate where a form leaves a blank to fill in by hand.
        expect(typeof entry.en, key).toBe('string');
      }
    }
  });

  it("load every key a feature's files name with its pages (its own, borrowed, the shell's or the errors)", async () => {
    const dictionaries = await loaded;
    const everyKey = new Set(
      [messages, errorMessages, ...dictionaries.values()].flatMap((dictionary) => Object.keys(dictionary)),
    );
    for (const feature of FEATURES) {
      const reachable = new Set([
        ...Object.keys(messages),
        ...Object.keys(errorMessages),
        ...[feature.name, ...feature.pages.flatMap((page) => page.borrows ?? [])].flatMap((name) =>
          Object.keys(dictionaries.get(name) ?? {}),
        ),
      ]);
      for (const file of sources(join(process.cwd(), 'web/features', feature.name))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/'([a-zA-Z]+\.[^'\n]+)'/g)) {
          const key = match[1] ?? '';
          if (everyKey.has(key)) expect(reachable.has(key), `${file}: ${key}`).toBe(true);
        }
      }
    }
  });
});
