import type { FastifyInstance } from 'fastify';
import { Health } from '../../../contracts/health';
import { engineVersion } from '../../db/dialect';
import { migrationState, type Migrations } from '../../db/migrator';
import type { Platform } from '../platform';
import { typed } from './routes';

export function healthRoutes(p: Platform, all: Migrations) {
  return async (app: FastifyInstance) => {
    typed(app).get(
      '/api/health',
      {
        config: { access: { kind: 'public' } },
        schema: { tags: ['system'], summary: 'Engine and migration state', response: { 200: Health } },
      },
      async () => {
        const migrations = await migrationState(p.database, all);
        return {
          status: migrations.pending === 0 ? ('ok' as const) : ('degraded' as const),
          engine: p.engine,
          engineVersion: await engineVersion(p.db, p.engine),
          migrations,
          time: p.clock.now().toISOString(),
        };
      },
    );
  };
}
