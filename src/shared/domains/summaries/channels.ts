/** The summaries channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const SUMMARY_CHANNELS = [
  'summary.summarize',
  'summary.compactionDefaults',
  'summary.simulate',
  'summary.cancel',
  'summary.llmSettings',
  'summary.setLlmSettings',
  'summary.testLlm',
] as const
export const SUMMARY_EVENTS = ['summary.progress'] as const
