import type { AlignRunner, AlignRunOptions } from './alignRunner'
import { Comparison } from './comparison'
import type { ComparedSide } from './sides'

/**
 * Compares two sides: their messages are matched off the main thread (see AlignRunner); the result keeps the sides
 * to read the rows a window asks for.
 */
export async function compareSides(
  compareId: string,
  left: ComparedSide,
  right: ComparedSide,
  runner: AlignRunner,
  options: AlignRunOptions = {},
): Promise<Comparison> {
  const rows = await runner.align(left, right, options)
  return new Comparison(compareId, left, right, rows)
}
