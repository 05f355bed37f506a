import { useEffect, useState } from 'react'
import { useStores } from '../../stores/StoresContext'

/** The preload's way to learn a dropped File's path (Electron only). */
function dropPaths(): { pathForFile(file: File): string } | null {
  const pathForFile = window.api?.pathForFile
  return pathForFile ? { pathForFile } : null
}

const hasFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false

/**
 * Files dropped on the window open where their path can be known (or, while the Import page shows, become its
 * sources); elsewhere a notice says to type the path instead.
 */
export function useDropZone(): boolean {
  const { documents, notices, workspace, view, imports } = useStores()
  const [over, setOver] = useState(false)
  useEffect(() => {
    let depth = 0
    const onEnter = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth++
      setOver(true)
    }
    const onOver = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const onLeave = (): void => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const onDrop = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth = 0
      setOver(false)
      const files = [...(event.dataTransfer?.files ?? [])]
      const bridge = dropPaths()
      const paths = bridge ? files.map((file) => bridge.pathForFile(file)).filter((path) => path !== '') : []
      const importing = view.getState().page === 'import' && documents.getState().activeId === null
      if (paths.length > 0) {
        if (importing) imports.getState().addPaths(paths)
        else void documents.getState().open(paths)
        return
      }
      const names = files.map((file) => file.name).join(', ')
      const roots = workspace.getState().roots
      notices.getState().push({
        level: 'warning',
        message:
          `Cannot open ${names || 'the dropped item'} by drag and drop here: a browser page is never told where a dropped file is on disk. ` +
          `Type its path into ${importing ? 'the Import page’s path field' : '“Open path”'} instead${roots?.restricted ? ` (allowed folders: ${roots.roots.join(', ')})` : ''}.`,
      })
      if (!importing) workspace.getState().focusOpenPath()
    }
    window.addEventListener('dragenter', onEnter)
    window.addEventListener('dragover', onOver)
    window.addEventListener('dragleave', onLeave)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragenter', onEnter)
      window.removeEventListener('dragover', onOver)
      window.removeEventListener('dragleave', onLeave)
      window.removeEventListener('drop', onDrop)
    }
  }, [documents, notices, workspace, view, imports])
  return over
}
