/**
 * Reads a saved memory file as text, to compare messages byte for byte: the exact text of each entry of the
 * top-level `messages` list (a small scanner, since JSON.parse would forget the bytes).
 */
export function messageTexts(file: string): string[] {
  const start = file.indexOf('"messages"')
  if (start < 0) throw new Error('no "messages" key')
  let i = file.indexOf('[', start) + 1
  const texts: string[] = []
  const skipSpace = (): void => {
    while (/\s/.test(file[i])) i++
  }
  for (;;) {
    skipSpace()
    if (file[i] === ']') return texts
    const from = i
    let depth = 0
    let inString = false
    for (; i < file.length; i++) {
      const c = file[i]
      if (inString) {
        if (c === '\\') i++
        else if (c === '"') inString = false
      } else if (c === '"') inString = true
      else if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') {
        if (depth === 0) break
        depth--
        if (depth === 0) {
          i++
          break
        }
      } else if (c === ',' && depth === 0) break
    }
    texts.push(file.slice(from, i).trimEnd())
    skipSpace()
    if (file[i] === ',') i++
  }
}
