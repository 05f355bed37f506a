import { AppError } from '../engine/appError'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type WorkspaceHandlers = Pick<
  Handlers,
  'workspace.roots' | 'workspace.recent' | 'workspace.openDialog' | 'workspace.saveDialog'
>

export function createWorkspaceHandlers({ policy, recent, dialogs }: Services): WorkspaceHandlers {
  return {
    'workspace.roots': () => ({
      roots: policy.roots,
      restricted: policy.restricted,
      canBrowse: dialogs !== null,
    }),
    'workspace.recent': () => recent.list(),
    'workspace.openDialog': async ({ folders }) => {
      if (!dialogs)
        throw new AppError(
          'UNSUPPORTED',
          'There is no file dialog in web mode; type a path into "Open path" instead',
        )
      return { paths: await dialogs.openPaths({ folders: folders ?? false }) }
    },
    'workspace.saveDialog': async ({ defaultPath }) => {
      if (!dialogs)
        throw new AppError('UNSUPPORTED', 'There is no file dialog in web mode; type the new path instead')
      return { path: await dialogs.savePath({ defaultPath }) }
    },
  }
}
