/** The migration channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const MIGRATION_CHANNELS = [] as const
export const MIGRATION_EVENTS = [] as const
