// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { sessionShortcut, type SessionKeyEvent } from './sessionKeys'

const press = (key: string, mods: Partial<SessionKeyEvent> = {}, target: EventTarget | null = null) =>
  sessionShortcut({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target, ...mods })

describe('session view keys', () => {
  it('undoes with Ctrl/Cmd+Z and redoes with Shift+Ctrl/Cmd+Z or Ctrl/Cmd+Y', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo')
    expect(press('z', { metaKey: true })).toBe('undo')
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo')
    expect(press('y', { ctrlKey: true })).toBe('redo')
    expect(press('z')).toBeNull()
    expect(press('z', { ctrlKey: true, altKey: true })).toBeNull()
  })

  it('leaves the keys to text fields, message editors and dialogs', () => {
    const textarea = document.createElement('textarea')
    expect(press('z', { ctrlKey: true }, textarea)).toBeNull()
    const editor = document.createElement('form')
    editor.setAttribute('data-editor', '')
    const button = document.createElement('button')
    editor.append(button)
    expect(press('z', { ctrlKey: true }, button)).toBeNull()
    expect(press('z', { ctrlKey: true }, document.createElement('div'))).toBe('undo')
  })
})
