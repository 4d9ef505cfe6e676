import { describe, expect, it } from 'vitest';
import type { Platform } from './platform';
import { buildModules, defineModule } from './module';

const p = {} as Platform;
const opts = { loginPerMinute: 1 };
const a = defineModule({ name: 'a', needs: [], build: () => ({ services: { hello: 'a' }, routes: [] }) });
const b = defineModule({
  name: 'b',
  needs: ['a'],
  build: (_p, needs: { a: { hello: string } }) => ({
    services: { fromA: needs.a.hello },
    routes: [async () => {}],
  }),
});

describe('buildModules', () => {
  it('builds in list order, handing each module the services it names', () => {
    const built = buildModules(p, [a, b], opts);
    expect(built.services.b.fromA).toBe('a');
    expect(built.routes).toHaveLength(1);
  });
  it('refuses a module listed before what it needs', () => {
    expect(() => buildModules(p, [b, a], opts)).toThrow('module b needs a listed before it');
  });
  it('refuses two modules of one name', () => {
    expect(() => buildModules(p, [a, a], opts)).toThrow('module a is listed twice');
  });
});
