/** Rows the UI shows first: "open" is measured until this many messages are available. */
export const FIRST_ROWS = 100
