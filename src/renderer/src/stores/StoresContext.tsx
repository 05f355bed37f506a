import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { Stores } from './createStores'
import type { DocumentsState } from './documentsStore'
import type { EditState } from './editStore'
import type { MessagesState } from './messagesStore'
import type { NoticesState } from './noticesStore'
import type { RowsState } from './rowsStore'
import type { SaveFlowState } from './saveFlowStore'
import type { SearchState } from './searchStore'
import type { SessionsState } from './sessionsStore'
import type { ViewState } from './viewStore'
import type { WorkspaceState } from './workspaceStore'

const StoresContext = createContext<Stores | null>(null)

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
}

export function useStores(): Stores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores outside <StoresProvider>')
  return stores
}

// One hook per domain; components pass atomic selectors.
export const useDocuments = <T,>(selector: (state: DocumentsState) => T): T =>
  useStore(useStores().documents, selector)
export const useRows = <T,>(selector: (state: RowsState) => T): T => useStore(useStores().rows, selector)
export const useMessages = <T,>(selector: (state: MessagesState) => T): T =>
  useStore(useStores().messages, selector)
export const useView = <T,>(selector: (state: ViewState) => T): T => useStore(useStores().view, selector)
export const useSearch = <T,>(selector: (state: SearchState) => T): T =>
  useStore(useStores().search, selector)
export const useNotices = <T,>(selector: (state: NoticesState) => T): T =>
  useStore(useStores().notices, selector)
export const useWorkspace = <T,>(selector: (state: WorkspaceState) => T): T =>
  useStore(useStores().workspace, selector)
export const useEdit = <T,>(selector: (state: EditState) => T): T => useStore(useStores().edit, selector)
export const useSaveFlow = <T,>(selector: (state: SaveFlowState) => T): T =>
  useStore(useStores().saveFlow, selector)
export const useSessions = <T,>(selector: (state: SessionsState) => T): T =>
  useStore(useStores().sessions, selector)
