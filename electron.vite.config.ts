import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Main-process entries: the Electron shell, the plain-Node web mode, the CLI, the benchmark and the fuzzer share the
// engine, so they are built together and share chunks.
export default defineConfig({
  main: {
    build: {
      // lowdb is ESM-only; main is ESM ("type": "module"), so leaving it external is safe.
      rolldownOptions: {
        // A dev dependency only the benchmark loads (to drive Chromium): loaded from node_modules, never bundled.
        external: ['@playwright/test'],
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          web: resolve(__dirname, 'src/main/web.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          bench: resolve(__dirname, 'src/main/bench.ts'),
          // Worker threads load a file of their own: out/main/tokenWorker.js (found by tokenWorkerPool.ts).
          tokenWorker: resolve(__dirname, 'src/main/engine/tokens/tokenWorker.ts'),
          // Summaries and compaction simulations: out/main/summaryWorker.js (found by summaryWorkerRunner.ts).
          summaryWorker: resolve(__dirname, 'src/main/engine/summaries/summaryWorker.ts'),
          // out/main/insightWorker.js (found by insightRunner.ts): analysis and entity extraction off the main thread.
          insightWorker: resolve(__dirname, 'src/main/engine/insights/insightWorker.ts'),
          // out/main/alignWorker.js (found by alignRunner.ts): matching two conversations' messages for Compare.
          alignWorker: resolve(__dirname, 'src/main/engine/compare/alignWorker.ts'),
          fuzz: resolve(__dirname, 'src/main/fuzz.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be ESM: emit CommonJS as out/preload/index.cjs (pinned by a unit test).
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rolldownOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
