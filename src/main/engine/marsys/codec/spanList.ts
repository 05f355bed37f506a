/** Growable list of [start, end) byte spans in typed arrays: two doubles per message, no objects. */
export class SpanList {
  private starts = new Float64Array(1024)
  private ends = new Float64Array(1024)
  private count = 0

  get length(): number {
    return this.count
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts)
      this.ends = grow(this.ends)
    }
    this.starts[this.count] = start
    this.ends[this.count] = end
    this.count++
  }

  start(i: number): number {
    return this.starts[i]
  }

  end(i: number): number {
    return this.ends[i]
  }

  clear(): void {
    this.count = 0
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(a.length * 2)
  bigger.set(a)
  return bigger
}
