import { alignRows, type AlignedRows, type AlignOptions } from './alignRows'
import { Interner, plainOfRaw, SideFingerprints } from './fingerprints'

/**
 * One alignment as the worker (or, from the sources, this thread) runs it: the two sides' message texts arrive in
 * chunks, in order, and are parsed and fingerprinted as they come; `run` matches them.
 */
export class AlignJob {
  private readonly interner = new Interner()
  private readonly sides: [SideFingerprints, SideFingerprints]
  private readonly next: [number, number] = [0, 0]

  constructor(
    counts: readonly [number, number],
    private readonly options: AlignOptions,
  ) {
    this.sides = [
      new SideFingerprints(counts[0], this.interner),
      new SideFingerprints(counts[1], this.interner),
    ]
  }

  add(side: 0 | 1, raws: readonly string[]): void {
    for (const raw of raws) this.sides[side].add(this.next[side]++, plainOfRaw(raw))
  }

  run(): AlignedRows {
    return alignRows(this.sides[0].result(), this.sides[1].result(), this.options)
  }
}
