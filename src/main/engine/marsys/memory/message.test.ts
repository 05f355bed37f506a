import { describe, expect, it } from 'vitest'
import { PyNumber } from '../../../../shared/pyjson'
import { AgentCallMsg, MessageContent, ToolCallMsg } from './calls'
import { MarsysValueError, MessageError } from './marsysErrors'
import { type ImageSource, imageMimeType } from './imageSource'
import { Message } from './message'

const call = { id: 'call_1', type: 'function', function: { name: 'search', arguments: '{"query": "AI"}' } }

describe('ToolCallMsg', () => {
  it('converts to and from the nested OpenAI shape, copying id into call_id', () => {
    const tc = ToolCallMsg.fromDict(call)
    expect(tc.callId).toBe('call_1')
    expect(tc.toDict()).toEqual(call)
    expect(Object.keys(tc.toDict())).toEqual(['id', 'type', 'function'])
  })

  it('defaults type to "function" and arguments to "{}"', () => {
    const tc = ToolCallMsg.fromDict({ id: 'c', function: { name: 'f' } })
    expect(tc.type).toBe('function')
    expect(tc.arguments).toBe('{}')
  })

  it('rejects empty id/name and non-string arguments', () => {
    const fields = { id: 'a', callId: 'a', type: 'function', name: 'f', arguments: '{}' }
    expect(() => new ToolCallMsg({ ...fields, id: '' })).toThrow('Tool call id cannot be empty')
    expect(() => new ToolCallMsg({ ...fields, name: '' })).toThrow('Tool call name cannot be empty')
    expect(() => new ToolCallMsg({ ...fields, arguments: {} as unknown as string })).toThrow(MarsysValueError)
    expect(() => ToolCallMsg.fromDict({ id: 'c', function: { name: 'f', arguments: { a: 1 } } })).toThrow(
      'arguments must be a string',
    )
  })
})

describe('AgentCallMsg and MessageContent', () => {
  it('validates agent calls', () => {
    expect(() => new AgentCallMsg({ agentName: '', request: 'x' })).toThrow('cannot be empty')
    expect(() => AgentCallMsg.fromDict({ agent_name: 'A' })).toThrow('request cannot be None')
    expect(AgentCallMsg.fromDict({ agent_name: 'A', request: 'r' }).toDict()).toEqual({
      agent_name: 'A',
      request: 'r',
    })
  })

  it('validates next_action and omits None fields', () => {
    expect(() => new MessageContent({ nextAction: 'dance' })).toThrow(MarsysValueError)
    expect(new MessageContent({ nextAction: 'final_response' }).toDict()).toEqual({
      next_action: 'final_response',
    })
    const dict = { thought: 't', next_action: 'call_tool', action_input: { tool: 'calc' } }
    expect(MessageContent.fromDict(dict).toDict()).toEqual(dict)
  })
})

describe('Message construction', () => {
  it('generates a 36-character uuid v4', () => {
    expect(new Message({ role: 'user' }).messageId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
  })

  it('converts dict tool and agent calls', () => {
    const m = new Message({
      role: 'assistant',
      toolCalls: [call],
      agentCalls: [{ agent_name: 'A', request: 'r' }],
    })
    expect(m.toolCalls?.[0]).toBeInstanceOf(ToolCallMsg)
    expect(m.agentCalls?.[0]).toBeInstanceOf(AgentCallMsg)
  })

  it('rejects bad tool_calls, agent_calls and images with MessageError and a path', () => {
    const bad = (init: object) => () => new Message({ role: 'assistant', ...init })
    expect(bad({ toolCalls: 'x' })).toThrow('tool_calls must be a list, got str')
    expect(bad({ toolCalls: [5] })).toThrow('tool_calls[0] must be dict or ToolCallMsg, got int')
    expect(bad({ agentCalls: [{ agent_name: '' }] })).toThrow(MessageError)
    expect(bad({ images: 'a.png' })).toThrow('images must be a list')
    expect(bad({ images: ['a.png', 3] })).toThrow('images[1] must be a string')
    const error = (() => {
      try {
        return new Message({ role: 'assistant', toolCalls: [call, { id: 'c2', function: { name: '' } }] })
      } catch (e) {
        return e
      }
    })()
    expect((error as MessageError).details.path).toBe('tool_calls[1].function.name')
  })

  it('round-trips every field through toDict/fromDict', () => {
    const m = new Message({
      role: 'tool',
      content: { ok: true },
      name: 'search',
      toolCalls: [call],
      agentCalls: [{ agent_name: 'A', request: 'r' }],
      structuredData: { score: 1 },
      images: ['a.png'],
      toolCallId: 'call_1',
      reasoningDetails: [{ x: 1 }],
      responseMetadata: { model: 'm' },
    })
    const copy = Message.fromDict(m.toDict())
    expect(copy.toDict()).toEqual(m.toDict())
    expect(Object.keys(m.toDict())).toEqual([
      'role',
      'content',
      'message_id',
      'name',
      'tool_calls',
      'agent_calls',
      'structured_data',
      'images',
      'tool_call_id',
      'reasoning_details',
      'response_metadata',
    ])
  })

  it('builds from a response dict, ignoring tool_call_id and reasoning_details', () => {
    const m = Message.fromResponseDict(
      { content: 'hi', tool_calls: [call], tool_call_id: 'x', reasoning_details: [{}] },
      { defaultId: 'id-1', defaultName: 'gpt' },
    )
    expect(m.role).toBe('assistant')
    expect(m.messageId).toBe('id-1')
    expect(m.name).toBe('gpt')
    expect(m.toolCallId).toBeNull()
    expect(m.reasoningDetails).toBeNull()
  })
})

describe('Message.toLlmDict — tool role', () => {
  const tool = (content: unknown, extra: object = {}) =>
    new Message({
      role: 'tool',
      content: content as never,
      toolCallId: 'c1',
      name: 'n',
      ...extra,
    }).toLlmDict()

  it('orders keys role, content, tool_call_id, name and never writes tool_calls or reasoning_details', () => {
    const d = tool('r', { toolCalls: [call], reasoningDetails: [{ a: 1 }], images: ['x.png'] })
    expect(Object.keys(d)).toEqual(['role', 'content', 'tool_call_id', 'name'])
  })

  it('turns dict content into compact JSON with raw non-ASCII', () => {
    expect(tool({ k: 'é', n: [1, 2] }).content).toBe('{"k":"é","n":[1,2]}')
  })

  it('turns None into "", numbers and booleans into str(), lists into their Python repr', () => {
    expect(tool(null).content).toBe('')
    expect(tool(68).content).toBe('68')
    expect(tool(new PyNumber('1.0')).content).toBe('1.0')
    expect(tool(true).content).toBe('True')
    expect(tool([{ type: 'text', text: "it's" }]).content).toBe(`[{'type': 'text', 'text': "it's"}]`)
  })

  it('omits falsy tool_call_id and name', () => {
    expect(new Message({ role: 'tool', content: 'x', name: '' }).toLlmDict()).toEqual({
      role: 'tool',
      content: 'x',
    })
  })
})

describe('Message.toLlmDict — other roles', () => {
  it('orders keys role, content, name, tool_calls, reasoning_details', () => {
    const d = new Message({
      role: 'assistant',
      content: null,
      name: 'm',
      toolCalls: [call],
      reasoningDetails: [{ s: 1 }],
    }).toLlmDict()
    expect(Object.keys(d)).toEqual(['role', 'content', 'name', 'tool_calls', 'reasoning_details'])
    expect(d.content).toBeNull()
  })

  it('writes an agent-calls-only message as {role, content: null}', () => {
    expect(
      new Message({ role: 'assistant', agentCalls: [{ agent_name: 'A', request: 'r' }] }).toLlmDict(),
    ).toEqual({
      role: 'assistant',
      content: null,
    })
  })

  it('turns dict content into a compact JSON string and passes other values through', () => {
    expect(new Message({ role: 'user', content: { a: 1 } }).toLlmDict().content).toBe('{"a":1}')
    expect(new Message({ role: 'user', content: 12345 }).toLlmDict().content).toBe(12345)
    expect(new Message({ role: '', content: 'x' }).toLlmDict()).toEqual({ role: '', content: 'x' })
  })

  it('keeps list content as is and then ignores images', () => {
    const content = [{ type: 'text', text: 'a' }, 'plain', 3]
    expect(new Message({ role: 'user', content, images: ['x.png'] }).toLlmDict().content).toEqual(content)
  })
})

describe('Message.toLlmDict — images', () => {
  const files: Record<string, string> = {
    'a.png': 'UE5H',
    'b.GIF': 'R0lG',
    'c.bmp': 'Qk0=',
    'd.jpeg': '/9j/',
    'empty.webp': '',
  }
  const source: ImageSource = { readBase64: (path) => files[path] ?? null }

  it('inlines readable images as data URLs after a text part, skipping unreadable ones with a warning', () => {
    const warnings: string[] = []
    const m = new Message({
      role: 'user',
      content: 'Compare',
      images: ['a.png', 'missing.png', 'https://x/y.png', 'b.GIF'],
    })
    expect(m.toLlmDict({ images: source, onWarning: (w) => warnings.push(w) }).content).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,UE5H' } },
      { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lG' } },
    ])
    expect(warnings).toEqual(['Failed to encode image missing.png', 'Failed to encode image https://x/y.png'])
  })

  it('drops a blank text part and gives [] when no image survives', () => {
    expect(
      new Message({ role: 'user', content: ' \n', images: ['c.bmp'] }).toLlmDict({ images: source }).content,
    ).toEqual([{ type: 'image_url', image_url: { url: 'data:image/png;base64,Qk0=' } }])
    expect(
      new Message({ role: 'user', content: 'x', images: ['gone.png'] }).toLlmDict({ images: source }).content,
    ).toEqual([{ type: 'text', text: 'x' }])
    expect(new Message({ role: 'user', images: ['gone.png'] }).toLlmDict({ images: source }).content).toEqual(
      [],
    )
  })

  it('writes dict content as compact JSON text and keeps an empty file', () => {
    const d = new Message({ role: 'user', content: { q: 'é' }, images: ['d.jpeg', 'empty.webp'] }).toLlmDict({
      images: source,
    })
    expect(d.content).toEqual([
      { type: 'text', text: '{"q":"é"}' },
      { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
      { type: 'image_url', image_url: { url: 'data:image/webp;base64,' } },
    ])
  })

  it('chooses the MIME type from the extension only', () => {
    expect(
      ['x.JPG', 'x.jpeg', 'x.png', 'x.gif', 'x.webp', 'x.tiff', 'noext', '.png', 'dir.d/file'].map(
        imageMimeType,
      ),
    ).toEqual([
      'image/jpeg',
      'image/jpeg',
      'image/png',
      'image/gif',
      'image/webp',
      'image/png',
      'image/png',
      'image/png',
      'image/png',
    ])
  })
})

describe('Message.toApiFormat', () => {
  it('uses default json.dumps separators and ASCII escapes for dict content', () => {
    expect(new Message({ role: 'user', content: { k: 'é', n: [1, 2] } }).toApiFormat().content).toBe(
      '{"k": "\\u00e9", "n": [1, 2]}',
    )
  })

  it('omits None content, keeps name on tool messages and tool_call_id only on tool messages', () => {
    expect(new Message({ role: 'assistant', toolCallId: 'x' }).toApiFormat()).toEqual({ role: 'assistant' })
    const d = new Message({
      role: 'tool',
      content: [1],
      name: 'n',
      toolCalls: [call],
      toolCallId: 'c',
    }).toApiFormat()
    expect(Object.keys(d)).toEqual(['role', 'content', 'name', 'tool_calls', 'tool_call_id'])
    expect(d.content).toEqual([1])
  })
})
