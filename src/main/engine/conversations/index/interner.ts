/** Small integer ids for repeated strings (roles, agent names), so per-message columns fit typed arrays. */
export class Interner {
  private readonly values: string[]
  private readonly ids = new Map<string, number>()

  constructor(initial: string[] = []) {
    this.values = []
    for (const value of initial) this.idOf(value)
  }

  idOf(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }

  /** The id of `value` if it has one, without giving it one. */
  find(value: string): number | undefined {
    return this.ids.get(value)
  }

  value(id: number): string {
    return this.values[id]
  }
}
