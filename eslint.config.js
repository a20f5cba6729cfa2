// Lint (docs/decisions.md, "Lint and format"): typescript-eslint's recommended rules, and import
// boundaries that keep the layout (docs/decisions.md, "Module boundaries") true as the code grows:
// - `*.rules.ts` are pure: no database, no services, no repos, no HTTP, no clock reads;
// - a module reaches another module only through its service, never through its repo;
// - frozen migrations import nothing from the app;
// - src/shared (browser + node) imports nothing from the server or the web app.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const impure = [
  { group: ['**/db/**', 'kysely', 'pg', 'better-sqlite3'], message: '*.rules.ts are pure: pass data in, no database access' },
  { group: ['**/*.service.js', '**/*.repo.js', '**/*.routes.js', '**/*.job.js'], message: '*.rules.ts are pure: no services, repos, routes or jobs' },
  { group: ['fastify', '**/core/http.js', '**/core/audit.js', '**/core/settings.js'], message: '*.rules.ts are pure: no HTTP, audit or settings reads' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', '**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-undef': 'off',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/**/*.rules.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['src/server/modules/**/*.rules.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/*.repo.js', '../../modules/*/*.repo.js'], message: 'use the other module through its service, not its repo (docs/decisions.md, "Module boundaries")' }] },
      ],
    },
  },
  {
    files: ['src/server/db/migrations/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../../*', '../../../*'], message: 'migrations are frozen: no app imports' }] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**'], message: 'src/shared runs in the browser and on the server: no imports from either' }] }] },
  },
);
