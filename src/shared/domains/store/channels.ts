/** The store channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const STORE_CHANNELS = [] as const
export const STORE_EVENTS = [] as const
