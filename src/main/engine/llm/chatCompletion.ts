/** One call to an OpenAI-compatible `POST {base}/chat/completions`, bounded in time and size, cancellable. */
import { LlmError } from './llmError'
import type { LlmSettings } from './llmSettings'

export interface ChatMessage {
  role: string
  content: unknown
  [key: string]: unknown
}

export interface ChatRequest {
  messages: readonly ChatMessage[]
  maxTokens?: number
  temperature?: number
  /** Ask for a JSON object (`response_format: {"type": "json_object"}`). */
  jsonMode?: boolean
}

export type ChatProgress = { phase: 'sending' } | { phase: 'receiving'; bytes: number } | { phase: 'done' }

export interface ChatOptions {
  signal?: AbortSignal
  /** Whole-call limit, default 120 s. */
  timeoutMs?: number
  onProgress?: (progress: ChatProgress) => void
  /** Larger replies are refused, default 8 MB. */
  maxResponseBytes?: number
}

const DEFAULT_TIMEOUT_MS = 120_000
const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024
const SERVER_TEXT_LIMIT = 200

/** Server-provided text for a message: one line, bounded, and with the key blanked should the server echo it. */
function serverText(text: string, apiKey: string | null): string {
  let line = text.replace(/\s+/g, ' ').trim()
  if (apiKey) line = line.split(apiKey).join('***')
  return line.length > SERVER_TEXT_LIMIT ? `${line.slice(0, SERVER_TEXT_LIMIT - 1)}…` : line
}

function errorDetail(body: string, apiKey: string | null): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown }
    const error = parsed.error
    const message =
      typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : parsed.message
    if (typeof message === 'string' && message.trim()) return serverText(message, apiKey)
  } catch {
    // not JSON: use the text
  }
  return serverText(body, apiKey)
}

async function readBody(response: Response, options: ChatOptions): Promise<string> {
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > limit) {
      await reader.cancel()
      throw new LlmError('malformed', `the LLM reply is larger than ${limit} bytes`, response.status)
    }
    chunks.push(value)
    options.onProgress?.({ phase: 'receiving', bytes })
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Redirects are not followed: fetch would resend the request, `Authorization` header and all, to wherever the
 * endpoint points. The message names only the target's origin (a Location may carry a query or credentials).
 */
function redirectError(response: Response, settings: LlmSettings): LlmError {
  const location = response.headers.get('location')
  let target = ''
  try {
    if (location)
      target = ` to ${serverText(new URL(location, `${settings.baseUrl}/`).origin, settings.apiKey)}`
  } catch {
    // not a URL: name no target
  }
  return new LlmError(
    'http',
    `the LLM at ${settings.baseUrl} answered HTTP ${response.status}, a redirect${target}; redirects are not followed so the request and its API key go nowhere else: set the base URL to the endpoint itself`,
    response.status,
  )
}

/** `choices[0].message.content`, which must be a string. */
function replyText(body: string, status: number): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new LlmError('malformed', 'the LLM reply is not JSON', status)
  }
  const choices = (parsed as { choices?: unknown } | null)?.choices
  const first = Array.isArray(choices)
    ? (choices[0] as { message?: { content?: unknown } } | undefined)
    : undefined
  const content = first?.message?.content
  if (typeof content !== 'string')
    throw new LlmError('malformed', 'the LLM reply has no choices[0].message.content text', status)
  return content
}

/**
 * Sends the messages and returns the reply text.
 * @throws LlmError: `unauthorized` (401/403), `timeout`, `cancelled`, `http` (other statuses, redirects), `network`,
 *   `malformed` (not an OpenAI-shaped reply).
 */
export async function chatCompletion(
  settings: LlmSettings,
  request: ChatRequest,
  options: ChatOptions = {},
): Promise<string> {
  const url = `${settings.baseUrl}/chat/completions`
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const failure = (error: unknown): LlmError => {
    if (error instanceof LlmError) return error
    if (options.signal?.aborted) return new LlmError('cancelled', 'the LLM request was cancelled')
    if (timeout.aborted)
      return new LlmError(
        'timeout',
        `the LLM at ${settings.baseUrl} did not answer within ${timeoutMs / 1000} s`,
      )
    const cause = (error as { cause?: { code?: string } } | null)?.cause?.code
    return new LlmError('network', `cannot reach the LLM at ${settings.baseUrl}${cause ? ` (${cause})` : ''}`)
  }

  const body: Record<string, unknown> = { model: settings.model, messages: request.messages }
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens
  if (request.temperature !== undefined) body.temperature = request.temperature
  if (request.jsonMode) body.response_format = { type: 'json_object' }
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`

  if (options.signal?.aborted) throw new LlmError('cancelled', 'the LLM request was cancelled')
  options.onProgress?.({ phase: 'sending' })
  let text: string
  let status: number
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal,
      redirect: 'manual',
    })
    status = response.status
    if (status >= 300 && status < 400) {
      await response.body?.cancel()
      throw redirectError(response, settings)
    }
    options.onProgress?.({ phase: 'receiving', bytes: 0 })
    text = await readBody(response, options)
    if (status === 401 || status === 403) {
      throw new LlmError(
        'unauthorized',
        `the LLM at ${settings.baseUrl} refused the API key (HTTP ${status}${text ? `: ${errorDetail(text, settings.apiKey)}` : ''})`,
        status,
      )
    }
    if (status < 200 || status >= 300) {
      throw new LlmError(
        'http',
        `the LLM at ${settings.baseUrl} answered HTTP ${status}${text ? `: ${errorDetail(text, settings.apiKey)}` : ''}`,
        status,
      )
    }
  } catch (error) {
    throw failure(error)
  }
  const reply = replyText(text, status)
  options.onProgress?.({ phase: 'done' })
  return reply
}
