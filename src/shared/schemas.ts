import { z } from 'zod'
import type { Channel, InputOf } from './contract'

/**
 * Runtime validation of every channel's input, used at the edge in main (both doors). Typed against the
 * contract, so a channel without a schema, or a schema that accepts the wrong shape, fails the build.
 */
export const inputSchemas: { [C in Channel]: z.ZodType<InputOf<C>> } = {
  'app.info': z.object({}).strict() as unknown as z.ZodType<InputOf<'app.info'>>,
}
