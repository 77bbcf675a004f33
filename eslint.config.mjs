import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const forgeOnlyInAccess = {
  group: ['@forge/*'],
  message: 'Only src/access/ imports @forge/*: add or use a function there.',
};
const rulesBelowPages = {
  regex: '(^|/)pages(/|$)',
  message:
    'Rules must not import from src/pages/: move what both need below both (src/access, src/execution).',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'static/*/dist/',
      'test-artifacts/',
      '**/*.generated.*',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.dev.json', './static/app/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // src/access/ is the only door to the Forge platform (docs/architecture.md); rules sit below the pages: a page
    // may show a rule, a rule never depends on a page. ESLint replaces a rule's options per file, so the rules'
    // folder repeats the first pattern.
    files: ['src/**/*.ts'],
    ignores: ['src/access/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forgeOnlyInAccess] }] },
  },
  {
    files: ['src/rules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forgeOnlyInAccess, rulesBelowPages] }] },
  },
  {
    // Jest's asymmetric matchers (expect.stringContaining …) are typed `any` by @types/jest.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' },
    },
  },
  {
    // The sandbox's Jira stand-in page: plain browser scripts.
    files: ['sandbox/public/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
  prettier,
);
