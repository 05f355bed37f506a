/** Conversations written to show one insight each (tests, and sample data for the UI's e2e tests). */
import { readFileSync } from 'node:fs'
import { MarsysFile } from '../../marsys/codec'
import { fixturePath } from '../../testing/fixtures'

/** A MARSYS fixture's messages as plain objects (non-object entries kept, as the file has them). */
export function fixtureMessages(name: string): unknown[] {
  const file = MarsysFile.open(readFileSync(fixturePath(name)))
  return Array.from({ length: file.messageCount }, (_, i) => file.decodeMessagePlain(i))
}

const call = (id: string, name: string, args: unknown) => ({
  id,
  type: 'function',
  function: { name, arguments: JSON.stringify(args) },
})

const result = (id: string, name: string, content: string) => ({
  role: 'tool',
  content,
  tool_call_id: id,
  name,
})

/** The agent asks for the same search four times in a row (0 system, 1 user, 2..9 call/result pairs). */
export function loopConversation(): unknown[] {
  const messages: unknown[] = [
    { role: 'system', content: 'You are a research agent.' },
    { role: 'user', content: 'Find the release date of MARSYS 0.3.' },
  ]
  for (let i = 0; i < 4; i++) {
    // Key order differs between calls: the same call all the same.
    const args =
      i % 2 === 0 ? { query: 'MARSYS 0.3 release', limit: 5 } : { limit: 5, query: 'MARSYS 0.3 release' }
    messages.push({ role: 'assistant', content: null, tool_calls: [call(`call_s${i}`, 'web_search', args)] })
    messages.push(result(`call_s${i}`, 'web_search', '[]'))
  }
  return messages
}

/** `read_file` fails five times in a row (results at 3, 5, 7, 9, 11), then `list_dir` works. */
export function failingToolConversation(): unknown[] {
  const messages: unknown[] = [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: 'Open the config file.' },
  ]
  const errors = [
    'Error: file not found: config.yaml',
    'Traceback (most recent call last):\n  File "tools.py", line 3\nFileNotFoundError: config.yml',
    '{"error": "permission denied", "path": "/etc/app/config.yaml"}',
    '{"success": false, "message": "no such file"}',
    'FileNotFoundError: /srv/app/config.yaml',
  ]
  errors.forEach((text, i) => {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [call(`call_r${i}`, 'read_file', { path: `config${i}.yaml` })],
    })
    messages.push(result(`call_r${i}`, 'read_file', text))
  })
  messages.push({
    role: 'assistant',
    content: null,
    tool_calls: [call('call_ls', 'list_dir', { path: '.' })],
  })
  messages.push(result('call_ls', 'list_dir', 'config.yaml.example\nREADME.md'))
  messages.push({ role: 'assistant', content: 'There is only config.yaml.example.' })
  return messages
}

export const LEAKED_OPENAI_KEY = 'sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678'
export const LEAKED_GITHUB_TOKEN = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'

/** An OpenAI key in a user message (1) and a GitHub token inside tool-call arguments (2). */
export function leakedKeyConversation(): unknown[] {
  return [
    { role: 'system', content: 'You are a deployment helper.' },
    { role: 'user', content: `My key is ${LEAKED_OPENAI_KEY}, please set it up.` },
    {
      role: 'assistant',
      content: null,
      tool_calls: [call('call_env', 'set_env', { name: 'GITHUB_TOKEN', value: LEAKED_GITHUB_TOKEN })],
    },
    result('call_env', 'set_env', 'ok'),
    { role: 'assistant', content: 'Done: both are set.' },
  ]
}

/** MARSYS's recorded hand-off: the Planner invokes two agents in parallel, then the Writer once. */
export function handoffConversation(): unknown[] {
  const invoke = (id: string, invocations: { agent_name: string; request: string }[]) =>
    call(id, 'invoke_agent', { invocations })
  return [
    { role: 'user', content: 'Write a report on solar panels in Spain.' },
    {
      role: 'assistant',
      name: 'Planner',
      content: null,
      tool_calls: [
        invoke('call_h1', [
          { agent_name: 'Researcher', request: 'Collect 2025 installation figures for Spain.' },
          { agent_name: 'Analyst', request: 'Compare prices with Portugal.' },
        ]),
      ],
    },
    result(
      'call_h1',
      'invoke_agent',
      "Control delegated to Researcher, Analyst. Current agent's turn complete.",
    ),
    {
      role: 'assistant',
      name: 'Planner',
      content: null,
      tool_calls: [invoke('call_h2', [{ agent_name: 'Writer', request: 'Write the report.' }])],
    },
    result('call_h2', 'invoke_agent', "Control delegated to Writer. Current agent's turn complete."),
    {
      role: 'assistant',
      name: 'Planner',
      content: null,
      tool_calls: [call('call_h3', 'invoke_agent', { agent: 'x' })],
    },
  ]
}

/** Three tool results that answer nothing (2: unknown id, 3: no id, 5: answered twice). */
export function orphanConversation(): unknown[] {
  return [
    { role: 'user', content: 'What time is it?' },
    { role: 'assistant', content: null, tool_calls: [call('call_t', 'clock', {})] },
    result('call_zzz', 'clock', '12:00'),
    { role: 'tool', content: '12:00' },
    result('call_t', 'clock', '12:00'),
    result('call_t', 'clock', '12:01'),
    { role: 'assistant', content: 'It is noon.' },
  ]
}

/** langswarm-shaped messages: ISO timestamps, tool_call_id in metadata, an error flag, a refusal, a long pause. */
export function langswarmConversation(): unknown[] {
  return [
    {
      role: 'user',
      content: 'Book a flight to Lisbon.',
      timestamp: '2026-03-01T10:00:00Z',
      message_id: 'm1',
    },
    {
      role: 'assistant',
      content: '',
      timestamp: '2026-03-01T10:00:05Z',
      message_id: 'm2',
      tool_calls: [call('call_b', 'book_flight', { to: 'LIS' })],
    },
    {
      role: 'tool',
      content: 'payment declined',
      timestamp: '2026-03-01T10:00:09Z',
      message_id: 'm3',
      metadata: { tool_call_id: 'call_b', name: 'book_flight', is_error: true },
    },
    {
      role: 'assistant',
      content: "I'm sorry, but I can't help with payments.",
      timestamp: '2026-03-01T12:00:09Z',
      message_id: 'm4',
    },
    {
      role: 'user',
      content: 'Rate limit exceeded, retry later',
      timestamp: '2026-03-01T11:59:00Z',
      message_id: 'm5',
    },
  ]
}

export const TEN_MB = 10 * 1024 * 1024

/** `unit` repeated to exactly 10 MB (UTF-16 code units): inputs built to make a backtracking regex hang. */
export const tenMegabytesOf = (unit: string): string =>
  unit.repeat(Math.ceil(TEN_MB / unit.length)).slice(0, TEN_MB)
