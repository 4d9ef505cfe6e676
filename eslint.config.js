import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './lint/boundaries.js';

/**
 * The module boundaries live here so nobody has to remember them:
 * routes → service → repository → db; platform/ and contracts/ never reach into a module;
 * code outside a module imports only its index.ts; a capability never uses another's
 * repository; web/ never imports server/. The module rules are lint/boundaries.js, which
 * resolves each import and so holds at any folder depth. Services and routes in server/modules build
 * no queries (no-query-building); its feature-isolation rule is proven on fixtures and switched on
 * here once the code reaches it.
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['server/platform/**/*.ts', 'server/db/**/*.ts', 'contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/modules/**'], message: 'platform/, db/ and contracts/ never import a module.' },
          ],
        },
      ],
    },
  },
  {
    // The one narrow exception: server/db/schema.ts composes the Database type from each
    // module's table types, imported type-only through the module's index.ts. Type imports are
    // erased, so db/ still loads no module code; anything else from a module stays an error.
    files: ['server/db/schema.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**'],
              allowTypeImports: true,
              message: 'db/schema.ts imports a module only type-only, for its table types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**', '**/modules/**'], message: 'contracts/ stand alone.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**'],
              message: 'web/ talks to the server only through the API and contracts/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The boundary rules resolve every relative import, so they hold at any folder depth
    // (lint/boundaries.js; lint/boundaries.test.ts proves each bites two levels down).
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { uc: boundaries },
    rules: { 'uc/module-index-only': 'error' },
  },
  {
    files: ['server/modules/**/*.ts'],
    ignores: ['server/modules/**/*.test.ts'],
    rules: {
      'uc/capability-repository': ['error', { core: ['core'] }],
      // Services and routes build no queries: repositories do, executor first.
      'uc/no-query-building': 'error',
    },
  },
  {
    // web/features/<a> never imports web/features/<b>: shared pieces live in web/components/.
    files: ['web/features/**/*.ts', 'web/features/**/*.tsx'],
    rules: { 'uc/feature-isolation': 'error' },
  },
);
