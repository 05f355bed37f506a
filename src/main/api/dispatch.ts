import { contract, isContractChannel, type Channel, type InputOf, type OutputOf } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/result'
import { encodeWire } from '../../shared/wire'
import { toErrorInfo } from './errorMapping'

export type Handlers = { [C in Channel]: (input: InputOf<C>) => Promise<OutputOf<C>> | OutputOf<C> }

/**
 * The single entry both doors use: checks the channel name, validates the input against the channel's schema,
 * runs the handler and wraps whatever happens in a Result. It never throws.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isContractChannel(channel)) return fail('NOT_FOUND', `Unknown channel: ${String(channel)}`)
  const parsed = contract[channel].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    return fail('INVALID_INPUT', `Invalid input for ${channel}${where}: ${issue?.message ?? 'invalid'}`, {
      path: issue ? issue.path.join('.') : undefined,
    })
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown
    return ok(encodeWire(await handler(parsed.data)))
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) }
  }
}
