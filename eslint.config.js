// Lint runs without type information: typescript-eslint 8 parses TypeScript 6 fine, and syntax-level rules
// plus the import boundaries below are what we want from lint; `tsc` does the type checking.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'url',
  'stream',
  'events',
  'util',
  'worker_threads',
]

const forbid = (groups, message) => ({ group: groups, message })

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'scripts/**/*.js',
      'bin/**/*.js',
      'e2e/**/*.ts',
      '*.config.ts',
      '*.config.js',
      'src/main/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['**/main/**', '../../main/*'],
              'The renderer talks to main only through the contract (src/shared).',
            ),
            forbid(['electron'], 'The renderer never imports electron; use the api client.'),
            forbid(nodeBuiltins, 'The renderer runs in a sandboxed browser page: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['**/main/**', '**/renderer/**'], 'src/shared depends on nothing but itself.'),
            forbid(
              ['electron', 'react', 'react-dom', 'lowdb', 'lowdb/*'],
              'src/shared imports nothing platform-specific.',
            ),
            forbid(nodeBuiltins, 'src/shared imports nothing platform-specific (no node:*).'),
          ],
        },
      ],
    },
  },
  {
    // Everything in main except the thin Electron shell must run under plain Node.
    files: ['src/main/**/*.ts'],
    ignores: [
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/menu.ts',
      'src/main/shell/**',
      'src/main/transport/ipc.ts',
      'src/main/preload/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['electron'],
              'Only the Electron shell (index.ts, window.ts, menu.ts, shell/, transport/ipc.ts, preload/) may import electron.',
            ),
            forbid(['**/renderer/**'], 'main never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['../engine/**', '../api/**', 'lowdb'], 'The preload only bridges the contract.'),
          ],
        },
      ],
    },
  },
)
