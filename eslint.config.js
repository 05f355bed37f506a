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

const electronOnlyInShell = forbid(
  ['electron'],
  'Only the Electron shell (index.ts, window.ts, menu.ts, shell/, transport/ipc.ts, preload/) may import electron.',
)
const mainNeverImportsRenderer = forbid(['**/renderer/**'], 'main never imports the renderer.')

/**
 * The engine knows nothing of how it is called: no api/, transport/ or shell/ (and no electron). The rule sees
 * the import text, not the resolved path (engine/marsys/memory is the engine's own), so each folder depth under
 * src/main/engine gets the `../` count that climbs out of it into src/main.
 */
const engineBoundaries = [0, 1, 2, 3, 4, 5].map((depth) => {
  const toMain = '../'.repeat(depth + 1)
  return {
    files: [`src/main/engine/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronOnlyInShell,
            mainNeverImportsRenderer,
            forbid(
              ['api', 'transport', 'shell'].flatMap((folder) => [
                `${toMain}${folder}`,
                `${toMain}${folder}/**`,
              ]),
              'The engine imports nothing from api/, transport/ or shell/: they call the engine, not the other way round.',
            ),
          ],
        },
      ],
    },
  }
})

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
          patterns: [electronOnlyInShell, mainNeverImportsRenderer],
        },
      ],
    },
  },
  // After the block above: for a file that several blocks match, the last rule setting wins.
  ...engineBoundaries,
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
