import { useEffect } from 'react'
import { AboutPanel } from './features/about/AboutPanel'
import { useAppStore } from './stores/appStore'

export function App() {
  const loadInfo = useAppStore((state) => state.loadInfo)
  useEffect(() => {
    void loadInfo()
  }, [loadInfo])
  return (
    <div className="app">
      <header className="app-header">
        <h1>Memory Inspector</h1>
      </header>
      <main className="app-main">
        <AboutPanel />
      </main>
    </div>
  )
}
