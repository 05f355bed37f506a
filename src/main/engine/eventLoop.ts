/** Lets the calls and timers waiting on main run before long work goes on. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
