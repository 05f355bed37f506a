/** Test helper: an OpenAI-compatible server on 127.0.0.1 whose answer each test chooses. */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: unknown
}

/** Status, body and extra headers to send, or 'hang' to never answer (until the client gives up). */
export type FakeAnswer = { status: number; body: string; headers?: Record<string, string> } | 'hang'

export interface FakeOpenAiServer {
  baseUrl: string
  requests: RecordedRequest[]
  /** What to answer next (default: a reply whose content is "ok"). */
  answer: (request: RecordedRequest) => FakeAnswer
  close(): Promise<void>
}

/** An OpenAI chat completion body whose first choice says `content`. */
export const completionBody = (content: string): string =>
  JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  })

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const hanging = new Set<ServerResponse>()
  const fake: FakeOpenAiServer = {
    baseUrl: '',
    requests: [],
    answer: () => ({ status: 200, body: completionBody('ok') }),
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // keep the text
      }
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      fake.requests.push(request)
      const answer = fake.answer(request)
      if (answer === 'hang') {
        hanging.add(res)
        return
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
      res.end(answer.body)
    })
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()))
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  return fake
}
