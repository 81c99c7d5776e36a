// Lint: typescript-eslint's type-aware rules over the server (tsconfig.json) and the browser
// side (web/tsconfig.json). Formatting is Prettier's (.prettierrc.json), not ESLint's.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'web/**/generated/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Apollo Server's plugin hooks and Fastify's async plugins are promise-returning by
      // contract; an `async` hook without an `await` is how both projects write them.
      '@typescript-eslint/require-await': 'off',
      // A `let` read by a closure before its one assignment cannot be a `const` there.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Its type view differs from tsc's where two copies of a package's types meet (pino via
      // Fastify, node-fetch's AbortSignal): removing the assertions it flags breaks the build.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and the benchmark read JSON answers over HTTP and assert on their shape: the value
    // is `any` by nature there. Everything else (promises, misuse, dead code) stays checked.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
