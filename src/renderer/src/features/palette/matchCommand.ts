const startsWord = (text: string, at: number): boolean => at === 0 || /[\s/(.…-]/.test(text[at - 1])

/** Whether the letters of `word` appear in order in `text` from `start`. */
function lettersInOrder(word: string, text: string, start: number): boolean {
  let from = start
  for (const letter of word) {
    from = text.indexOf(letter, from) + 1
    if (from === 0) return false
  }
  return true
}

/** How well one typed word fits `text` (lower case): 0 when it does not. */
function wordScore(word: string, text: string): number {
  const at = text.indexOf(word)
  if (at >= 0) return startsWord(text, at) ? 3 : 2
  // The letters in order from the start of a word, spread out ("sva" in "save as", "tl" in "timeline").
  for (let start = text.indexOf(word[0]); start >= 0; start = text.indexOf(word[0], start + 1))
    if (startsWord(text, start) && lettersInOrder(word, text, start)) return 1
  return 0
}

/**
 * Ranks `items` for what was typed: every word must be found in an item's text, whole (best at the start of a
 * word) or as letters in order. Equal scores keep the items' own order; nothing typed keeps them all.
 */
export function matchCommands<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...items]
  const scored: { item: T; score: number; order: number }[] = []
  items.forEach((item, order) => {
    const text = textOf(item).toLowerCase()
    let score = 0
    for (const word of words) {
      const fit = wordScore(word, text)
      if (fit === 0) return
      score += fit
    }
    scored.push({ item, score, order })
  })
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map(({ item }) => item)
}
