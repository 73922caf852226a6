import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/', 'dist/', 'node_modules/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', performance: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // An object literal that starts with a spread and adds properties after it gets a hidden class per object in V8: see src/core/objects.ts.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ObjectExpression[properties.length>1] > SpreadElement:first-child:not([argument.name='FRESH'])",
        message: 'Start the literal with `...FRESH` (src/core/objects.ts): one that starts with a spread and adds properties gives every object it makes a hidden class of its own.',
      }],
    },
  },
  // The binary is CommonJS (bin/package.json), so that Node starts it without its ES module loader.
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly', require: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
