import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The module boundaries live here so nobody has to remember them:
 * routes → service → repository → db; platform/ and contracts/ never reach into a module;
 * code outside a module imports only its index.ts; web/ never imports server/.
 */
const moduleInternals = {
  regex: 'modules/[^/]+/(?!index(\\.ts)?$)[^/]+$',
  message: 'Import another module only through its index.ts.',
};

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
    files: ['server/modules/**/*.ts'],
    ignores: ['server/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // ../other-module/anything-but-index
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index(\\.ts)?$)[^/]+$',
              message: 'Import another module only through its index.ts.',
            },
            moduleInternals,
          ],
        },
      ],
    },
  },
  {
    files: [
      'server/app.ts',
      'server/main.ts',
      'server/seed/**/*.ts',
      'server/test/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [moduleInternals] }] },
  },
);
