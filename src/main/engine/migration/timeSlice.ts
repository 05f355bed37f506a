import { yieldToEventLoop } from '../eventLoop'

/**
 * Lets a long synchronous-heavy loop (sql.js queries, MARSYS parsing) share the event loop: `pause()` yields to
 * timers and I/O once the current slice has run `sliceMs`, so the app's other requests are answered between
 * sessions instead of after the whole migration.
 */
export class TimeSlice {
  private sliceStart = performance.now()

  constructor(private readonly sliceMs = 20) {}

  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return
    await yieldToEventLoop()
    this.sliceStart = performance.now()
  }
}
