import type { Bridge } from '../../shared/contract'

declare global {
  interface Window {
    /** Present only in the Electron window, exposed by the preload. */
    api?: Bridge
  }
}

export {}
