import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ChatProgress, chatCompletion } from './chatCompletion'
import { type FakeOpenAiServer, completionBody, startFakeOpenAiServer } from '../testing/fakeOpenAiServer'
import { LlmError } from './llmError'
import { LLM_API_KEY_ENV, envSecretStore, normalizeBaseUrl, resolveLlmSettings } from './llmSettings'

const KEY = 'sk-test-SECRET-123456'
let server: FakeOpenAiServer
beforeEach(async () => {
  server = await startFakeOpenAiServer()
})
afterEach(async () => {
  await server.close()
})

const settings = () => ({ baseUrl: server.baseUrl, model: 'tiny-model', apiKey: KEY })
const ask = { messages: [{ role: 'user', content: 'hello' }] }

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LlmError)
  expect((error as LlmError).message).not.toContain(KEY)
  return error as LlmError
}

describe('chatCompletion against an OpenAI-compatible server', () => {
  it('posts the model, messages and options with the key, and returns the reply text', async () => {
    server.answer = () => ({ status: 200, body: completionBody('{"summary": "hi"}') })
    const progress: ChatProgress[] = []
    const reply = await chatCompletion(
      settings(),
      { ...ask, maxTokens: 50, temperature: 0.1, jsonMode: true },
      { onProgress: (p) => progress.push(p) },
    )
    expect(reply).toBe('{"summary": "hi"}')
    const [request] = server.requests
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/v1/chat/completions')
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(request.body).toEqual({
      model: 'tiny-model',
      messages: ask.messages,
      max_tokens: 50,
      temperature: 0.1,
      response_format: { type: 'json_object' },
    })
    expect(progress[0]).toEqual({ phase: 'sending' })
    expect(progress.at(-1)).toEqual({ phase: 'done' })
    expect(progress.some((p) => p.phase === 'receiving' && p.bytes > 0)).toBe(true)
  })

  it('sends no authorization header without a key', async () => {
    await chatCompletion({ ...settings(), apiKey: null }, ask)
    expect(server.requests[0].headers.authorization).toBeUndefined()
  })

  it('turns a 401 into one clear message, with the key blanked even when the server echoes it', async () => {
    server.answer = () => ({
      status: 401,
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }),
    })
    const error = await failure(chatCompletion(settings(), ask))
    expect(error.kind).toBe('unauthorized')
    expect(error.status).toBe(401)
    expect(error.message).toBe(
      `the LLM at ${server.baseUrl} refused the API key (HTTP 401: Incorrect API key provided: ***)`,
    )
  })

  it('reports other HTTP errors with the status and the server message', async () => {
    server.answer = () => ({ status: 500, body: '{"error": "model overloaded"}' })
    const error = await failure(chatCompletion(settings(), ask))
    expect(error.kind).toBe('http')
    expect(error.message).toMatch(/answered HTTP 500: model overloaded$/)
  })

  it('does not follow a redirect, so the key never goes to the other address', async () => {
    const elsewhere = await startFakeOpenAiServer()
    try {
      server.answer = () => ({
        status: 307,
        body: '',
        headers: { location: `${elsewhere.baseUrl}/chat/completions?key=${KEY}` },
      })
      const error = await failure(chatCompletion(settings(), ask))
      expect(error.kind).toBe('http')
      expect(error.status).toBe(307)
      expect(error.message).toBe(
        `the LLM at ${server.baseUrl} answered HTTP 307, a redirect to ${new URL(elsewhere.baseUrl).origin}; ` +
          'redirects are not followed so the request and its API key go nowhere else: set the base URL to the endpoint itself',
      )
      expect(server.requests).toHaveLength(1)
      expect(elsewhere.requests).toEqual([])
    } finally {
      await elsewhere.close()
    }
  })

  it('gives up after the timeout', async () => {
    server.answer = () => 'hang'
    const error = await failure(chatCompletion(settings(), ask, { timeoutMs: 200 }))
    expect(error.kind).toBe('timeout')
    expect(error.message).toBe(`the LLM at ${server.baseUrl} did not answer within 0.2 s`)
  })

  it('stops when cancelled', async () => {
    server.answer = () => 'hang'
    const controller = new AbortController()
    const pending = chatCompletion(settings(), ask, { signal: controller.signal })
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5))
    controller.abort()
    const error = await failure(pending)
    expect(error.kind).toBe('cancelled')
  })

  it('does not send anything when already cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    expect((await failure(chatCompletion(settings(), ask, { signal: controller.signal }))).kind).toBe(
      'cancelled',
    )
    expect(server.requests).toEqual([])
  })

  it.each([
    ['not JSON', 'I am not JSON', /is not JSON/],
    ['no choices', '{"object": "chat.completion"}', /no choices\[0\]\.message\.content/],
    ['content not text', JSON.stringify({ choices: [{ message: { content: null } }] }), /no choices/],
  ])('calls a reply that is %s malformed', async (_what, body, pattern) => {
    server.answer = () => ({ status: 200, body })
    const error = await failure(chatCompletion(settings(), ask))
    expect(error.kind).toBe('malformed')
    expect(error.message).toMatch(pattern)
  })

  it('refuses a reply above the size limit', async () => {
    server.answer = () => ({ status: 200, body: completionBody('x'.repeat(5000)) })
    const error = await failure(chatCompletion(settings(), ask, { maxResponseBytes: 1000 }))
    expect(error.message).toMatch(/larger than 1000 bytes/)
  })

  it('says when nothing listens there', async () => {
    const base = server.baseUrl
    await server.close()
    server = await startFakeOpenAiServer()
    const error = await failure(chatCompletion({ ...settings(), baseUrl: base }, ask))
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/^cannot reach the LLM at http:\/\/127\.0\.0\.1:\d+\/v1/)
  })
})

describe('settings', () => {
  it('come from the given values, else the environment; the key from the secret store', async () => {
    const env = {
      MEMORY_INSPECTOR_LLM_BASE_URL: 'http://127.0.0.1:9/v1/',
      MEMORY_INSPECTOR_LLM_MODEL: 'env-model',
      [LLM_API_KEY_ENV]: KEY,
    }
    expect(await resolveLlmSettings({}, envSecretStore(env), env)).toEqual({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'env-model',
      apiKey: KEY,
    })
    expect(await resolveLlmSettings({ model: 'flag-model' }, envSecretStore({}), env)).toMatchObject({
      model: 'flag-model',
      apiKey: null,
    })
  })

  it('name what is missing', async () => {
    await expect(resolveLlmSettings({}, envSecretStore({}), {})).rejects.toThrow(
      'no LLM base URL: give --llm-base-url or set MEMORY_INSPECTOR_LLM_BASE_URL',
    )
    await expect(resolveLlmSettings({ baseUrl: 'http://x' }, envSecretStore({}), {})).rejects.toThrow(
      /no LLM model/,
    )
  })

  it('accept only http(s) URLs without credentials', () => {
    expect(() => normalizeBaseUrl('file:///etc')).toThrow(/http or https/)
    expect(() => normalizeBaseUrl('nonsense')).toThrow(/not a URL/)
    expect(() => normalizeBaseUrl('https://u:p@host/v1')).toThrow(/user name or password/)
  })
})
