// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import keyboardDoc from '../../../../../docs/keyboard.md?raw'
import { createStores } from '../../stores/createStores'
import { createFakeClient } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { actionForKey, APP_ACTIONS } from './appActions'
import type { KeyBinding } from './keyBinding'
import { shortcutMarkdown } from './shortcutList'
import { windowAction } from './useGlobalShortcuts'

/** The event a user makes pressing `binding` (Ctrl for Ctrl/Cmd), on the page body. */
const press = (binding: KeyBinding) => ({
  key: binding.key,
  ctrlKey: Boolean(binding.mod || binding.ctrl),
  metaKey: false,
  shiftKey: binding.shift === true,
  altKey: binding.alt ?? false,
  target: document.body as EventTarget | null,
})

describe('the action registry', () => {
  it('names each action once', () => {
    const ids = APP_ACTIONS.map((action) => action.id)
    expect(new Set(ids).size).toBe(ids.length)
    const titles = APP_ACTIONS.map((action) => action.title)
    expect(new Set(titles).size).toBe(titles.length)
  })

  it('sends every key to the action that lists it, where it works, so no key is shadowed or handled twice', () => {
    for (const action of APP_ACTIONS) {
      for (const key of action.keys) {
        const scope = key.scope ?? action.scope
        const found =
          scope === 'list' || scope === 'editor' ? actionForKey(press(key), scope) : windowAction(press(key))
        expect(found?.id, `${action.id}: ${key.key}`).toBe(action.id)
      }
    }
  })

  it('runs each key’s action through the palette’s own entry', () => {
    const stores = createStores(createFakeClient({ 'document.close': () => ({ closed: true }) }))
    stores.documents.getState().onOpened(summary({ id: 'd1' }))
    stores.documents.getState().activate('d1')
    // The palette runs `action.run`; a key runs the same function.
    const palette = APP_ACTIONS.find((action) => action.id === 'palette.open')!
    const key = windowAction(press(palette.keys[0]))
    expect(key).toBe(palette)
    key!.run(stores)
    expect(stores.view.getState().paletteOpen).toBe(true)
    const goTo = windowAction(press({ key: 'g', mod: true }))!
    expect(goTo.unavailable(stores)).toBeNull()
    goTo.run(stores)
    expect(stores.view.getState().goToOpen).toBe(true)
  })

  it('says why an action cannot run now', () => {
    const stores = createStores(createFakeClient())
    const byId = (id: string) => APP_ACTIONS.find((action) => action.id === id)!
    expect(byId('file.save').unavailable(stores)).toBe('Open a file or a session first')
    stores.documents.getState().onOpened(summary({ id: 'd1' }))
    stores.documents.getState().activate('d1')
    expect(byId('file.save').unavailable(stores)).toBeNull()
    expect(byId('message.copyPath').unavailable(stores)).toBe('Select a message first')
    expect(byId('panel.facts').unavailable(stores)).toBe('Only kg memories have facts')
    expect(byId('compare.with').unavailable(stores)).toBeNull()
    expect(byId('compare.saved').unavailable(stores)).toBe('No unsaved edits to compare')
    stores.documents.getState().onOpened(summary({ id: 'd1', dirty: true, revision: 1 }))
    expect(byId('compare.saved').unavailable(stores)).toBeNull()
    byId('compare.saved').run(stores)
    expect(stores.view.getState().page).toBe('compare')
    expect(stores.documents.getState().activeId).toBeNull()
  })

  it('is what docs/keyboard.md lists', () => {
    expect(keyboardDoc).toContain(shortcutMarkdown())
  })
})
