import { lstat, realpath, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { AppError } from '../../errors'

/**
 * Which paths may be opened. The Electron window opens anything the user picks; web mode, reachable by anyone
 * holding the URL, only opens paths under the folders it was started with (symlinks resolved first, so a link
 * cannot lead outside).
 */
export class OpenPolicy {
  private constructor(
    readonly roots: string[],
    readonly restricted: boolean,
  ) {}

  static unrestricted(): OpenPolicy {
    return new OpenPolicy([], false)
  }

  /** Roots for web mode: the folders named at start, the folders of the files named, else the working folder. */
  static async forWebMode(startPaths: string[], cwd = process.cwd()): Promise<OpenPolicy> {
    const roots = new Set<string>()
    for (const path of startPaths) {
      try {
        const real = await realpath(resolve(cwd, path))
        roots.add((await stat(real)).isDirectory() ? real : dirname(real))
      } catch {
        // A start path that does not exist is reported when it is opened; it gives no root.
      }
    }
    if (roots.size === 0) roots.add(await realpath(cwd))
    return new OpenPolicy([...roots].sort(), true)
  }

  /**
   * For Save As: the file may not exist yet, so its folder must exist and lie under a root. An existing symlink
   * there is checked where it leads too: saving writes through links, so one inside a root must not let a save
   * replace a file outside them.
   */
  async checkWritable(path: string): Promise<string> {
    const absolute = resolve(path)
    const folder = await this.check(dirname(absolute))
    const target = join(folder, basename(absolute))
    if (this.restricted) {
      const link = await lstat(target).catch(() => null)
      if (link?.isSymbolicLink()) return this.check(target)
    }
    return target
  }

  /** The real path of `path` if it may be opened, else an AppError(FORBIDDEN). */
  async check(path: string): Promise<string> {
    const absolute = resolve(path)
    let real: string
    try {
      real = await realpath(absolute)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new AppError(
        code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR',
        `Cannot open ${absolute}: ${code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`,
        { file: absolute },
      )
    }
    if (!this.restricted) return real
    const inside = this.roots.some((root) => {
      const rel = relative(root, real)
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
    })
    if (!inside) {
      throw new AppError(
        'FORBIDDEN',
        `${absolute} is outside the folders this web-mode server may open (${this.roots.join(', ')})`,
        {
          file: absolute,
        },
      )
    }
    return real
  }
}
