import { useMemo } from 'react'
import { useStores } from '../../stores/StoresContext'

/** Opening files: by path (both modes) or through the native dialog (Electron). */
export function useOpenActions() {
  const { documents, workspace } = useStores()
  return useMemo(
    () => ({
      openPaths: (paths: string[]) => documents.getState().open(paths),
      openWithDialog: async (folders: boolean) => {
        const paths = await workspace.getState().openDialog(folders)
        if (paths.length > 0) await documents.getState().open(paths)
      },
    }),
    [documents, workspace],
  )
}
