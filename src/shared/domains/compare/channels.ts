/** The compare channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const COMPARE_CHANNELS = [
  'compare.start',
  'compare.rows',
  'compare.step',
  'compare.cancel',
  'compare.close',
] as const
export const COMPARE_EVENTS = ['compare.progress'] as const
