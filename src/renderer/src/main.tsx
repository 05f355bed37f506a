// Tokens and base first, so every feature sheet comes after them in the bundle and wins ties.
import './styles/tokens.css'
import './styles/base.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { connect } from './api/client'
import { ErrorBoundary } from './components/ErrorBoundary'
import { createStores } from './stores/createStores'
import { StoresProvider } from './stores/StoresContext'

const stores = createStores(connect())

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ErrorBoundary what="Memory Inspector">
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </ErrorBoundary>
  </StrictMode>,
)
