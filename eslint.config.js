// Lint: typescript-eslint recommended (no type-aware rules, to keep `npm test` fast) + prettier compatibility.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.weft/**', 'e2e/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      // Node's globals for plain .mjs scripts (TypeScript files get them checked by tsc).
      globals: Object.fromEntries(
        [
          ...['process', 'console', 'URL', 'URLSearchParams', 'Buffer', 'AbortController', 'performance'],
          ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'],
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', '@weft/*'], message: 'core depends on nothing of ours and no Node API' }] },
      ],
    },
  },
);
