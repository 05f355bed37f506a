import { messageTokenCost, type Message, type TokenEstimator } from '../../../shared/model/langswarm'

/** Sums message token costs, remembering each immutable message's cost so an append does not recount the rest. */
export class TokenTally {
  private readonly costs = new WeakMap<Message, number>()

  constructor(readonly estimator: TokenEstimator) {}

  total(messages: readonly Message[]): number {
    let sum = 0
    for (const message of messages) {
      let cost = this.costs.get(message)
      if (cost === undefined) {
        cost = messageTokenCost(message, this.estimator)
        this.costs.set(message, cost)
      }
      sum += cost
    }
    return sum
  }
}
