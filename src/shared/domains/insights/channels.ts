/** The insights channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const INSIGHT_CHANNELS = [
  'insights.document',
  'insights.graph',
  'insights.cancel',
  'insights.store',
  'insights.handoffs',
] as const
export const INSIGHT_EVENTS = ['insights.progress'] as const
