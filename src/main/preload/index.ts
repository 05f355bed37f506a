import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

// Built as CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an ES module.
contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer))
