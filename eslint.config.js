// @ts-check
/**
 * Lint for the whole monorepo in one pass (`npm run lint`).
 *
 * Type-aware: typescript-eslint's project service opens each file in the
 * tsconfig nearest to it (packages/*, relay, tests, web), exactly like an
 * editor would, so there is no list of tsconfigs to keep in sync here.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/dev-dist/',
    '**/.tsbuild/',
    '**/test-results/',
    '**/playwright-report/',
    'bench/.out/',
  ]),

  {
    name: 'counterpart/parser',
    languageOptions: {
      parserOptions: {
        projectService: {
          // Root-level TypeScript config files belong to no tsconfig (the
          // root tsconfig.json is a solution file with `files: []`); give
          // them TypeScript's default project instead of an error.
          allowDefaultProject: ['vitest.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
        // The same on every file: a different value per file type makes the
        // project service reload its programs over and over.
        extraFileExtensions: ['.svelte'],
      },
      globals: { ...globals.node },
    },
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  svelte.configs.recommended,

  {
    name: 'counterpart/svelte',
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      // svelte-eslint-parser handles the markup and hands <script lang="ts">
      // and .svelte.ts modules to the TypeScript parser.
      parserOptions: { parser: tseslint.parser },
    },
  },

  {
    name: 'counterpart/browser-globals',
    files: ['web/src/**', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    name: 'counterpart/rules',
    rules: {
      // Sync, storage and relay code is promise-heavy: a dropped promise is a
      // silently lost write or an unhandled rejection.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Y.Text has its own toString (the text); the rule cannot see through yjs' typings.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'YText'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'all',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    // Plain JavaScript config files (this one, svelte.config.js, ...) are in
    // no tsconfig; lint their syntax and skip the rules that need types.
    name: 'counterpart/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
