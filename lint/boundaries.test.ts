import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
// @ts-expect-error the rules are plain JavaScript, loaded by eslint.config.js as they are
import boundaries from './boundaries.js';

// Each rule is proven to bite on fixtures two folder levels deep, where the old one-level
// regular expressions let imports through.
RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const at = (p: string) => join(process.cwd(), p);

tester.run('module-index-only', boundaries.rules['module-index-only'], {
  valid: [
    { filename: at('server/app.ts'), code: "import { m } from './modules/assistance';" },
    { filename: at('server/app.ts'), code: "import { m } from './modules/assistance/index';" },
    {
      filename: at('server/modules/assistance/households/household.service.ts'),
      code: "import { r } from '../referrals/referral.service';",
    },
    {
      filename: at('server/modules/assistance/referrals/referral.service.ts'),
      code: "import type { OrganisationService } from '../../organisation';",
    },
  ],
  invalid: [
    {
      filename: at('server/app.ts'),
      code: "import { x } from './modules/assistance/households/household.repository';",
      errors: [{ messageId: 'index' }],
    },
    {
      filename: at('server/modules/assistance/referrals/referral.service.ts'),
      code: "import { x } from '../../organisation/tree/organisation.repository';",
      errors: [{ messageId: 'index' }],
    },
    {
      filename: at('server/seed/help.ts'),
      code: "export { x } from '../modules/assistance/plans/plan.policy';",
      errors: [{ messageId: 'index' }],
    },
    {
      filename: at('bench/dashboard.ts'),
      code: "const m = await import('../server/modules/assistance/dashboard/dashboard.repository');",
      errors: [{ messageId: 'index' }],
    },
  ],
});

tester.run('capability-repository', boundaries.rules['capability-repository'], {
  valid: [
    {
      filename: at('server/modules/assistance/referrals/referral.service.ts'),
      code: "import * as repo from './referral.repository';",
    },
    {
      filename: at('server/modules/assistance/referrals/referral.service.ts'),
      code: "import * as households from '../core/household.repository';",
    },
    {
      filename: at('server/modules/assistance/referrals/referral.service.ts'),
      code: "import { VisitService } from '../visits/visit.service';",
    },
  ],
  invalid: [
    {
      filename: at('server/modules/assistance/referrals/referral.service.ts'),
      code: "import * as visits from '../visits/visit.repository';",
      errors: [{ messageId: 'repository' }],
    },
    {
      filename: at('server/modules/assistance/referrals/slips/slip.service.ts'),
      code: "import * as plans from '../../plans/templates/template.repository';",
      errors: [{ messageId: 'repository' }],
    },
  ],
});

tester.run('no-query-building', boundaries.rules['no-query-building'], {
  valid: [
    {
      filename: at('server/modules/assistance/visits/visit.repository.ts'),
      code: "export const f = (db) => db.selectFrom('visit').selectAll().execute();",
    },
    {
      filename: at('server/modules/assistance/visits/visit.service.ts'),
      code: 'export const f = (p) => p.db.transaction().execute((trx) => repo.find(trx, 1));',
    },
  ],
  invalid: [
    {
      filename: at('server/modules/assistance/visits/deep/visit.service.ts'),
      code: "export const f = (trx) => trx.updateTable('visit').set({ a: 1 }).execute();",
      errors: [{ messageId: 'query' }],
    },
    {
      filename: at('server/modules/assistance/visits/visit.routes.ts'),
      code: "export const f = (db) => db.deleteFrom('visit').execute();",
      errors: [{ messageId: 'query' }],
    },
    {
      filename: at('server/modules/assistance/visits/visit.service.ts'),
      code: 'export const f = (db) => sql`select 1`.execute(db);',
      errors: [{ messageId: 'sql' }],
    },
  ],
});

tester.run('feature-isolation', boundaries.rules['feature-isolation'], {
  valid: [
    {
      filename: at('web/features/assistance/households/households-page.tsx'),
      code: "import { x } from '../../../components/paged-table';",
    },
    {
      filename: at('web/features/assistance/help/ledger.tsx'),
      code: "import { x } from '../households/labels';",
    },
  ],
  invalid: [
    {
      filename: at('web/features/help/ledger/ledger.tsx'),
      code: "import { x } from '../../assistance/labels';",
      errors: [{ messageId: 'feature' }],
    },
    {
      filename: at('web/features/vote/pages/x/page.tsx'),
      code: "const m = import('../../../../features/vouchers/page');",
      errors: [{ messageId: 'feature' }],
    },
  ],
});
