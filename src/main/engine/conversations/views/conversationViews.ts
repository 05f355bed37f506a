import {
  MESSAGE_TEXT_LIMIT,
  type AdditionalStateView,
  type KgFactRow,
  type LintIssue,
  type MessageDetail,
  type MessageRow,
  type MessageText,
  type MessageTextTarget,
  type RowQuery,
  type RowWindow,
} from '../../../../shared/model/document'
import {
  dumpPyJson,
  JsonNestingError,
  NestingTooDeepError,
  toPlain,
  type PyValue,
} from '../../../../shared/pyjson'
import { AppError } from '../../appError'
import type { Conversation } from '../conversation'
import type { MessageItem } from '../editing/messageItem'
import { ADDITIONAL_STATE, isFileSource } from '../files/marsysFileSource'
import type { RowOrders } from '../index/rowOrders'
import { viewAdditionalState } from './additionalState'
import { describeDataUrl } from './dataUrl'
import { factRows } from './facts'
import { buildMessageDetail, imageDataUrl, partText } from './messageDetail'
import { buildMessageRow } from './messageRow'

/** What the renderer and the CLI see of a conversation: windows of rows, one message, lint, state and facts. */

const ensureIndexed = (conversation: Conversation): void => {
  if (!conversation.index.complete) conversation.index.buildAll()
}

/** The position of a message, checked: a NOT_FOUND that names the conversation and its size. */
export function checkedPosition(conversation: Conversation, index: number): number {
  if (index >= conversation.index.count) {
    throw new AppError(
      'NOT_FOUND',
      `${conversation.displayName} has ${conversation.index.count} messages; there is no message ${index}`,
      { file: conversation.source.location, messageIndex: index },
    )
  }
  return index
}

function positionOfId(conversation: Conversation, guess: number, messageId: number): number {
  if (guess < conversation.items.length && conversation.idAt(guess) === messageId) return guess
  const [position] = conversation.locate([messageId])
  if (position === null)
    throw new AppError('NOT_FOUND', `Message ${messageId} is no longer in ${conversation.displayName}`, {
      file: conversation.source.location,
    })
  return position
}

export function rowWindow(conversation: Conversation, orders: RowOrders, query: RowQuery): RowWindow {
  const order = orders.get(conversation, query.sort, query.filter, () => ensureIndexed(conversation))
  const total = order ? order.length : conversation.index.built
  const end = Math.min(total, query.offset + query.limit)
  const rows: MessageRow[] = []
  for (let position = query.offset; position < end; position++) {
    const i = order ? order[position] : position
    const plainOf = (): unknown => conversation.plainAt(i)
    rows.push(
      buildMessageRow(conversation.idAt(i), i, conversation.analysisAt(i), plainOf, conversation.index),
    )
  }
  return { total, offset: query.offset, rows }
}

/** Where message `index` sits in the sorted/filtered rows (null when filtered out). */
export function rowPosition(
  conversation: Conversation,
  orders: RowOrders,
  index: number,
  query: Pick<RowQuery, 'sort' | 'filter'>,
): number | null {
  checkedPosition(conversation, index)
  const order = orders.get(conversation, query.sort, query.filter, () => ensureIndexed(conversation))
  if (!order) return index
  const position = order.indexOf(index)
  return position < 0 ? null : position
}

/** The message at `index`; with `messageId`, that message wherever it is now (`index` is only tried first). */
export function messageDetail(
  conversation: Conversation,
  position: number,
  messageId?: number,
): MessageDetail {
  const index = messageId === undefined ? position : positionOfId(conversation, position, messageId)
  checkedPosition(conversation, index)
  const diagnostics = conversation.analysisAt(index).problems.map((problem) => ({
    message: problem.message,
    path: `$.messages[${index}]${problem.subPath}`,
    messageIndex: index,
  }))
  const detail = buildMessageDetail(
    conversation.idAt(index),
    index,
    conversation.plainAt(index),
    conversation.rawAt(index),
    conversation.index,
    diagnostics,
  )
  // A session's edits are in the store at once: as saved is as edited there.
  const saved = isFileSource(conversation.source) ? conversation.savedRawAt(index) : undefined
  if (saved === undefined) return detail
  return saved !== null && saved.length > MESSAGE_TEXT_LIMIT
    ? { ...detail, rawSaved: saved.slice(0, MESSAGE_TEXT_LIMIT), rawSavedLength: saved.length }
    : { ...detail, rawSaved: saved }
}

/** The text `document.messageText` reads: a content part's, the raw JSON as edited, or as saved. */
function targetText(conversation: Conversation, index: number, target: MessageTextTarget): string | null {
  if (target.kind === 'raw') return conversation.rawAt(index)
  if (target.kind === 'rawSaved') {
    const saved = conversation.savedRawAt(index)
    return saved === undefined ? conversation.rawAt(index) : saved
  }
  return partText(conversation.plainAt(index), target.partIndex)
}

interface LargeText {
  item: MessageItem
  revision: number
  target: string
  text: string
}

/**
 * Per open conversation, the last text longer than MESSAGE_TEXT_LIMIT that `messageText` read: Show more and Copy
 * all read a 100 MB text in ranges, and each range would otherwise decode the whole message again on main. Valid
 * while the message is the same item (an edit replaces it) at the same revision; "as saved" is never kept.
 */
const lastLargeText = new WeakMap<Conversation, LargeText>()

function rangeSourceText(
  conversation: Conversation,
  index: number,
  target: MessageTextTarget,
): string | null {
  if (target.kind === 'rawSaved') return targetText(conversation, index, target)
  const item = conversation.items[index]
  const key = target.kind === 'raw' ? 'raw' : `part ${target.partIndex}`
  const cached = lastLargeText.get(conversation)
  if (cached?.item === item && cached.revision === conversation.revision && cached.target === key)
    return cached.text
  const text = targetText(conversation, index, target)
  if (text !== null && text.length > MESSAGE_TEXT_LIMIT)
    lastLargeText.set(conversation, { item, revision: conversation.revision, target: key, text })
  return text
}

/** Characters [offset, offset + length) of one of a message's texts: a content part's or the raw JSON. */
export function messageText(
  conversation: Conversation,
  position: number,
  messageId: number | undefined,
  target: MessageTextTarget,
  offset: number,
  length: number,
): MessageText {
  const index = messageId === undefined ? position : positionOfId(conversation, position, messageId)
  checkedPosition(conversation, index)
  const text = rangeSourceText(conversation, index, target)
  if (text === null) {
    const part =
      target.kind === 'rawSaved'
        ? 'as saved (it was added since the last save)'
        : target.kind === 'part' && target.partIndex !== null
          ? `part ${target.partIndex}`
          : 'string content'
    throw new AppError('NOT_FOUND', `Message ${index} of ${conversation.displayName} has no text ${part}`, {
      file: conversation.source.location,
      messageIndex: index,
    })
  }
  return { text: text.slice(offset, offset + length), offset, totalLength: text.length }
}

export function messageImage(
  conversation: Conversation,
  index: number,
  partIndex: number,
): { dataUrl: string; mime: string; bytes: number } {
  checkedPosition(conversation, index)
  const url = imageDataUrl(conversation.plainAt(index), partIndex)
  const info = url ? describeDataUrl(url) : null
  if (!url || !info)
    throw new AppError('NOT_FOUND', `Message ${index} has no inline image at part ${partIndex}`)
  return { dataUrl: url, mime: info.mime, bytes: info.bytes }
}

/** A MARSYS file's `additional_state` as it would be saved; sessions have none. */
export function additionalStateView(conversation: Conversation): AdditionalStateView {
  if (!isFileSource(conversation.source)) return viewAdditionalState(false, null, null)
  try {
    const { present, value } = conversation.currentField(ADDITIONAL_STATE)
    if (!present) return viewAdditionalState(false, null, null)
    const raw = dumpPyJson(value as PyValue, { indent: 2, ensureAscii: false })
    return viewAdditionalState(true, toPlain(value as PyValue), raw)
  } catch (error) {
    if (!(error instanceof JsonNestingError || error instanceof NestingTooDeepError)) throw error
    throw new AppError(
      'PARSE_ERROR',
      `${conversation.displayName}: additional_state cannot be shown: ${error.message}`,
      { file: conversation.source.location, path: error.path },
    )
  }
}

export function conversationFacts(conversation: Conversation): KgFactRow[] {
  ensureIndexed(conversation)
  return factRows(conversation.messageSource())
}

export function lintConversation(conversation: Conversation): LintIssue[] {
  ensureIndexed(conversation)
  return conversation.lintIssues()
}
