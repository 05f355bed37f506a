import { TOKEN_CHANNELS, TOKEN_EVENTS } from './domains/tokens/channels'
import { SUMMARY_CHANNELS, SUMMARY_EVENTS } from './domains/summaries/channels'
import { MIGRATION_CHANNELS, MIGRATION_EVENTS } from './domains/migration/channels'
import { INSIGHT_CHANNELS, INSIGHT_EVENTS } from './domains/insights/channels'
import { STORE_CHANNELS, STORE_EVENTS } from './domains/store/channels'
import { COMPARE_CHANNELS, COMPARE_EVENTS } from './domains/compare/channels'

/**
 * The runtime lists of channel and event names. Kept free of imports but the domains' own import-free name lists,
 * so the sandboxed preload can bundle it cheaply; `contract.ts` checks at compile time that these lists and the
 * contract's types name the same things. A feature with channels of its own keeps them in `domains/<name>/`.
 */
export const CHANNELS = [
  'app.info',
  'workspace.roots',
  'workspace.recent',
  'workspace.openDialog',
  'document.open',
  'document.list',
  'document.close',
  'document.summary',
  'document.error',
  'document.rows',
  'document.position',
  'document.message',
  'document.messageText',
  'document.locate',
  'document.image',
  'document.additionalState',
  'document.facts',
  'document.lint',
  'document.fileText',
  'document.search',
  'document.edit',
  'document.undo',
  'document.redo',
  'document.state',
  'document.save',
  'document.saveAs',
  'document.revert',
  'workspace.saveDialog',
  'session.list',
  'session.get',
  'session.open',
  'session.create',
  'session.delete',
  'session.summarize',
  'session.summary',
  'session.stats',
  ...TOKEN_CHANNELS,
  ...SUMMARY_CHANNELS,
  ...MIGRATION_CHANNELS,
  ...INSIGHT_CHANNELS,
  ...STORE_CHANNELS,
  ...COMPARE_CHANNELS,
] as const

export const EVENTS = [
  'app.notice',
  'app.menuCommand',
  'session.changed',
  'document.opened',
  'document.changed',
  'document.closed',
  'document.progress',
  ...TOKEN_EVENTS,
  ...SUMMARY_EVENTS,
  ...MIGRATION_EVENTS,
  ...INSIGHT_EVENTS,
  ...STORE_EVENTS,
  ...COMPARE_EVENTS,
] as const

export type ChannelName = (typeof CHANNELS)[number]
export type EventName = (typeof EVENTS)[number]

export const isChannelName = (value: unknown): value is ChannelName =>
  typeof value === 'string' && (CHANNELS as readonly string[]).includes(value)

export const isEventName = (value: unknown): value is EventName =>
  typeof value === 'string' && (EVENTS as readonly string[]).includes(value)
