/** The tokens channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const TOKEN_CHANNELS = [
  'tokens.usage',
  'tokens.cancel',
  'tokens.truncateToolResult',
  'tokens.overview',
  'tokens.models',
  'tokens.saveModels',
] as const
export const TOKEN_EVENTS = ['tokens.progress'] as const
