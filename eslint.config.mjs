// ESLint flat config: the VS Code extension generator's setup (typescript-eslint's parser and plugin, camelCase or
// PascalCase import names, curly, eqeqeq, no-throw-literal, semi) on top of the recommended rule sets of ESLint
// and typescript-eslint, plus the layering rule of this repository: nothing below the editor imports `vscode`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettierConfig from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

/** Imports that would break the layering: the core, the store and the CLI run without VS Code (CLI, unit tests, worker). */
const vscodeFreeLayers = {
  paths: [{ name: 'vscode', message: 'src/core, src/store and src/cli run without VS Code (CLI, unit tests, worker): keep vscode in src/editor.' }],
  patterns: [
    {
      group: ['**/editor', '**/editor/**', '**/extension'],
      message: 'The editor layer sits above the core, the store and the CLI: move the shared rule down into src/core instead.',
    },
  ],
};

export default defineConfig(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.scratch/**', 'test-results/**', 'data/**', 'test/fixtures/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/naming-convention': ['warn', { selector: 'import', format: ['camelCase', 'PascalCase'] }],
      // `_`-prefixed parameters and bindings are the usual way to say "deliberately unused" (tsc's noUnused* agree).
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // One-line guards (`if (!x) return;`) are this codebase's idiom; a body spanning lines must have braces.
      curly: ['warn', 'multi-line'],
      eqeqeq: 'warn',
      'no-throw-literal': 'warn',
      semi: 'warn',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/store/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', vscodeFreeLayers] },
  },
  {
    // The CLI is an adapter like the editor: the core never reaches up into it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...vscodeFreeLayers,
          patterns: [
            ...vscodeFreeLayers.patterns,
            { group: ['**/cli', '**/cli/**'], message: 'src/core sits below the CLI: move the shared rule down into src/core instead.' },
          ],
        },
      ],
    },
  },
  {
    // Tests, benchmarks and scripts poke at parsed JSON of any shape (damaged sidecars, exported documents) and load
    // freshly built bundles with require(); typing those as `any` and requiring at run time is the point there.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  // Prettier owns layout: this turns off every stylistic rule it would fight with (semi among them). curly comes
  // back on: with 'multi-line' it only disagrees with Prettier when Prettier wraps a one-line guard, and the fix
  // (braces) is one that Prettier keeps, so `eslint --fix` after `npm run format` settles it for good.
  prettierConfig,
  { files: ['**/*.ts'], rules: { curly: ['warn', 'multi-line'] } },
);
