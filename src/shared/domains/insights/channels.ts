/** The insights channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const INSIGHT_CHANNELS = [] as const
export const INSIGHT_EVENTS = [] as const
