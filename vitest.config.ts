import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Renderer tests opt into a DOM with `// @vitest-environment happy-dom` at the top of the file.
    testTimeout: 20_000,
    // Stylesheets are stubbed out, except the theme tokens a palette test reads (`tokens.css?raw`).
    css: { include: [/styles\/tokens\.css/] },
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
})
