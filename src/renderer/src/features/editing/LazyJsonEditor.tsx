import { lazy, Suspense, type ComponentProps } from 'react'

// CodeMirror is a large part of the bundle and only editing needs it: it loads with the first JSON editor.
const JsonEditor = lazy(() => import('./JsonEditor').then((module) => ({ default: module.JsonEditor })))

export function LazyJsonEditor(props: ComponentProps<typeof JsonEditor>) {
  return (
    <Suspense
      fallback={
        <p className="muted" aria-busy="true">
          Loading the JSON editor…
        </p>
      }
    >
      <JsonEditor {...props} />
    </Suspense>
  )
}
