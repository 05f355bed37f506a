/** The session store's maintenance channels, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const STORE_CHANNELS = ['store.repair', 'store.search'] as const
export const STORE_EVENTS = [] as const
