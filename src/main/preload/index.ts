import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createBridge } from './bridge'

// Built as CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an ES module.
// webUtils gives the path of a dropped File, which a sandboxed page cannot read itself.
contextBridge.exposeInMainWorld(
  'api',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)),
)
