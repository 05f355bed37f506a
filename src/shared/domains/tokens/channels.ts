/** The tokens channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const TOKEN_CHANNELS = [] as const
export const TOKEN_EVENTS = [] as const
