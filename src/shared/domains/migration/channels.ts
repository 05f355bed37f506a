/** The migration channels' and events' names, import-free (the sandboxed preload bundles this); see ../../channels.ts. */
export const MIGRATION_CHANNELS = [
  'migration.validate',
  'migration.start',
  'migration.job',
  'migration.cancel',
  'migration.exportPlan',
  'migration.export',
] as const
export const MIGRATION_EVENTS = ['migration.progress', 'migration.finished'] as const
