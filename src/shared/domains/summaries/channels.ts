/** The summaries channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const SUMMARY_CHANNELS = [] as const
export const SUMMARY_EVENTS = [] as const
