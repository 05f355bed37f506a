import type { ReactNode } from 'react'
import { SessionsProvider, useSessions } from './SessionsProvider'
import { SessionView } from './SessionView'
import './sessions.css'

function Switch({ children }: { children: ReactNode }) {
  const openId = useSessions((state) => state.open?.id ?? null)
  return openId === null ? children : <SessionView key={openId} />
}

/** The home area: the home screen (`children`), or the open session in its place. */
export function SessionsRoot({ children }: { children: ReactNode }) {
  return (
    <SessionsProvider>
      <Switch>{children}</Switch>
    </SessionsProvider>
  )
}
