import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { connect } from './api/client'
import { ErrorBoundary } from './components/ErrorBoundary'
import { createStores } from './stores/createStores'
import { StoresProvider } from './stores/StoresContext'
import './styles.css'

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
