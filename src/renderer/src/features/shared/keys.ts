/** Keys typed into fields, or Enter on a control, belong to that element, not to the list's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export function isControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    ['BUTTON', 'A', 'SUMMARY', 'INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)
  )
}

/** Keys pressed in a message editor or a dialog belong there, not to the message list or the document. */
export function isInsideEditor(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-editor], dialog') !== null
}
