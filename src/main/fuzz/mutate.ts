import { PyNumber, PyObject, dumpPyJson, parsePyJson, type PyValue } from '../../shared/pyjson'
import type { Random } from '../engine/testing/random'

/** A file the mutants start from (a real MARSYS save or a hand-made load input). */
export interface FuzzSeed {
  name: string
  bytes: Buffer
}

export interface Mutant {
  /** `<seed>#<case>`: where the case came from, for reports. */
  name: string
  /** The mutations applied, in order, e.g. `deepen(4000)+truncate`. */
  mutations: string[]
  bytes: Buffer
}

/**
 * Deterministic mutants of MARSYS files: the same seed files, case number and PRNG state give the same bytes.
 * Structural mutations edit the parsed (lossless) document and write it back as MARSYS does (indent 2); byte
 * mutations damage the text itself.
 */
export function mutate(seed: FuzzSeed, caseNumber: number, random: Random): Mutant {
  const mutations: string[] = []
  let text = seed.bytes.toString('utf8')
  const document = tryParse(text)
  if (document !== undefined && random.chance(0.75)) {
    const deep: DeepValue[] = []
    const edits = random.int(1, 3)
    for (let i = 0; i < edits; i++) mutations.push(random.pick(STRUCTURAL)(document, random, deep))
    text = writeBack(document, deep)
  }
  let bytes: Buffer = Buffer.from(text, 'utf8')
  if (mutations.length === 0 || random.chance(0.25)) {
    const damage = random.pick(BYTE_DAMAGE)
    mutations.push(damage.name)
    bytes = damage.apply(bytes, random)
  }
  return { name: `${seed.name}#${caseNumber}`, mutations, bytes }
}

function tryParse(text: string): PyValue | undefined {
  try {
    return parsePyJson(text)
  } catch {
    return undefined
  }
}

// ---- structural mutations -------------------------------------------------------------------------------------

/** A place holding a value: an array element or an object member. */
interface Slot {
  get(): PyValue
  set(value: PyValue): void
}

type Structural = (root: PyValue, random: Random, deep: DeepValue[]) => string

/** Nesting too deep for our own writer is spliced into the text after writing (see writeBack). */
interface DeepValue {
  marker: string
  text: string
}

const MAX_SLOTS = 4000

/** Every slot below the root (breadth first, bounded), so a pick can land anywhere in a small file. */
function slotsOf(root: PyValue): Slot[] {
  const slots: Slot[] = []
  const pending: PyValue[] = [root]
  while (pending.length > 0 && slots.length < MAX_SLOTS) {
    const value = pending.shift()!
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        slots.push({ get: () => value[i], set: (v) => void (value[i] = v) })
        pending.push(item)
      })
    } else if (value instanceof PyObject) {
      value.entries.forEach((entry) => {
        slots.push({ get: () => entry[1], set: (v) => void (entry[1] = v) })
        pending.push(entry[1])
      })
    }
  }
  return slots
}

const objectsOf = (root: PyValue): PyObject[] => {
  const found: PyObject[] = root instanceof PyObject ? [root] : []
  for (const slot of slotsOf(root)) {
    const value = slot.get()
    if (value instanceof PyObject) found.push(value)
  }
  return found
}

/** The message dicts of a MARSYS document, if it has any. */
function messagesOf(root: PyValue): PyObject[] {
  const messages = root instanceof PyObject ? root.get('messages') : undefined
  return Array.isArray(messages) ? messages.filter((m): m is PyObject => m instanceof PyObject) : []
}

// Around CPython 3.12's limit (1497 in all), past it but within 3.13's (9998), and past both.
const DEPTHS = [40, 1493, 1494, 1495, 1496, 1497, 1498, 4000, 9996, 10000]

const deepen: Structural = (root, random, deep) => {
  const slots = slotsOf(root)
  if (slots.length === 0) return 'deepen(skipped)'
  const depth = random.pick(DEPTHS)
  const objects = random.chance(0.5)
  const marker = `\u0001deep${deep.length}\u0001`
  deep.push({
    marker,
    text: objects ? '{"k": '.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth),
  })
  random.pick(slots).set(marker)
  return `deepen(${depth} ${objects ? 'objects' : 'arrays'})`
}

const ODD_VALUES: (() => PyValue)[] = [
  () => null,
  () => true,
  () => 0,
  () => '',
  () => 'x',
  () => [],
  () => new PyObject(),
  () => [1, 'a', null],
  () => new PyObject([['type', 'text']]),
]

const changeType: Structural = (root, random) => {
  const slots = slotsOf(root)
  if (slots.length === 0) return 'changeType(skipped)'
  random.pick(slots).set(random.pick(ODD_VALUES)())
  return 'changeType'
}

const ODD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e+308',
  '1e-400',
  '1e999',
  '5.0',
  '1E+2',
  '-0',
  '-0.0',
  '123456789012345678901234567890',
]

const oddNumber: Structural = (root, random) => {
  const slots = slotsOf(root)
  if (slots.length === 0) return 'oddNumber(skipped)'
  const raw = random.pick(ODD_NUMBERS)
  random.pick(slots).set(new PyNumber(raw))
  return `oddNumber(${raw})`
}

const SURROGATES = ['\ud800', '\udfff', 'a\udc00b', '\ud83d']

const loneSurrogate: Structural = (root, random) => {
  const strings = slotsOf(root).filter((slot) => typeof slot.get() === 'string')
  if (strings.length === 0) return 'loneSurrogate(skipped)'
  const slot = random.pick(strings)
  slot.set(`${slot.get() as string}${random.pick(SURROGATES)}`)
  return 'loneSurrogate'
}

const duplicateKey: Structural = (root, random) => {
  const objects = objectsOf(root).filter((o) => o.size > 0)
  if (objects.length === 0) return 'duplicateKey(skipped)'
  const target = random.pick(objects)
  const [key] = random.pick(target.entries)
  target.entries.push([key, random.pick(ODD_VALUES)()])
  return `duplicateKey(${key})`
}

const removeKey: Structural = (root, random) => {
  const objects = objectsOf(root).filter((o) => o.size > 0)
  if (objects.length === 0) return 'removeKey(skipped)'
  const target = random.pick(objects)
  const index = random.int(0, target.size - 1)
  const [key] = target.entries.splice(index, 1)[0]
  return `removeKey(${key})`
}

const MEMORY_TYPES = ['conversation_history', 'managed_conversation', 'kg', 'KG', 7]
const MESSAGE_FIELDS = ['role', 'content', 'name', 'tool_calls', 'agent_calls', 'images', 'tool_call_id']

const messageField: Structural = (root, random) => {
  if (root instanceof PyObject && random.chance(0.3)) {
    const type = random.pick(MEMORY_TYPES)
    root.set('memory_type', type)
    return `memoryType(${type})`
  }
  const messages = messagesOf(root)
  if (messages.length === 0) return 'messageField(skipped)'
  const field = random.pick(MESSAGE_FIELDS)
  random.pick(messages).set(field, random.pick(ODD_VALUES)())
  return `messageField(${field})`
}

const STRUCTURAL: readonly Structural[] = [
  deepen,
  changeType,
  oddNumber,
  loneSurrogate,
  duplicateKey,
  removeKey,
  messageField,
]

function writeBack(document: PyValue, deep: readonly DeepValue[]): string {
  let text = dumpPyJson(document, { indent: 2 })
  for (const { marker, text: nested } of deep) text = text.replace(dumpPyJson(marker), nested)
  return text
}

// ---- byte damage ----------------------------------------------------------------------------------------------

interface ByteDamage {
  name: string
  apply(bytes: Buffer, random: Random): Buffer
}

const INTERESTING_BYTES = [0x00, 0x0a, 0x22, 0x2c, 0x3a, 0x5b, 0x5d, 0x5c, 0x7b, 0x7d, 0x80, 0xc3, 0xff]

const BYTE_DAMAGE: readonly ByteDamage[] = [
  {
    name: 'truncate',
    apply: (bytes, random) => bytes.subarray(0, random.int(0, Math.max(0, bytes.length - 1))),
  },
  {
    name: 'flipBytes',
    apply: (bytes, random) => {
      const out = Buffer.from(bytes)
      const flips = random.int(1, 4)
      for (let i = 0; i < flips && out.length > 0; i++)
        out[random.int(0, out.length - 1)] = random.chance(0.5)
          ? random.pick(INTERESTING_BYTES)
          : random.int(0, 255)
      return out
    },
  },
  {
    name: 'deleteRange',
    apply: (bytes, random) => {
      const from = random.int(0, bytes.length)
      const to = Math.min(bytes.length, from + random.int(1, 64))
      return Buffer.concat([bytes.subarray(0, from), bytes.subarray(to)])
    },
  },
  {
    name: 'prefixBom',
    apply: (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
  },
  {
    name: 'invalidUtf8InString',
    apply: (bytes, random) => {
      const quotes: number[] = []
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x22) quotes.push(i)
      if (quotes.length === 0) return bytes
      const at = random.pick(quotes) + 1
      return Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from([random.pick([0xff, 0xc0, 0xed])]),
        bytes.subarray(at),
      ])
    },
  },
]
