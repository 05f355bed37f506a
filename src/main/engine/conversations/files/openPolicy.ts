import { lstat, realpath, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { AppError } from '../../appError'

/**
 * Which paths may be opened. The Electron window opens anything the user picks; web mode, reachable by anyone
 * holding the URL, only opens paths under the folders it was started with (symlinks resolved first, so a link
 * cannot lead outside).
 */
export class OpenPolicy {
  private constructor(
    readonly roots: string[],
    readonly restricted: boolean,
    /** The roots as they were named, before symlinks were resolved (`/tmp` for `/private/tmp`). */
    private readonly namedRoots: string[] = roots,
  ) {}

  static unrestricted(): OpenPolicy {
    return new OpenPolicy([], false)
  }

  /** Roots for web mode: the folders named at start, the folders of the files named, else the working folder. */
  static async forWebMode(startPaths: string[], cwd = process.cwd()): Promise<OpenPolicy> {
    const roots = new Set<string>()
    const named = new Set<string>()
    for (const path of startPaths) {
      try {
        const absolute = resolve(cwd, path)
        const real = await realpath(absolute)
        const isFolder = (await stat(real)).isDirectory()
        roots.add(isFolder ? real : dirname(real))
        named.add(isFolder ? absolute : dirname(absolute))
      } catch {
        // A start path that does not exist is reported when it is opened; it gives no root.
      }
    }
    if (roots.size === 0) {
      roots.add(await realpath(cwd))
      named.add(resolve(cwd))
    }
    return new OpenPolicy([...roots].sort(), true, [...new Set([...roots, ...named])])
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

  /**
   * The real path of `path` if it may be opened, else an AppError(FORBIDDEN). A path outside the roots is refused
   * before anything on disk is looked at, and a missing path is refused alike when its nearest existing folder lies
   * outside them, so the answer never reveals whether something exists there.
   */
  async check(path: string): Promise<string> {
    const absolute = resolve(path)
    if (this.restricted && !isUnder(absolute, this.namedRoots)) throw this.forbidden(absolute)
    let real: string
    try {
      real = await realpath(absolute)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (this.restricted && !isUnder(await nearestExistingReal(absolute), this.roots)) {
        throw this.forbidden(absolute)
      }
      throw new AppError(
        code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR',
        `Cannot open ${absolute}: ${code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`,
        { file: absolute },
      )
    }
    if (this.restricted && !isUnder(real, this.roots)) throw this.forbidden(absolute)
    return real
  }

  private forbidden(absolute: string): AppError {
    return new AppError(
      'FORBIDDEN',
      `${absolute} is outside the folders this web-mode server may open (${this.roots.join(', ')})`,
      { file: absolute },
    )
  }
}

function isUnder(path: string, roots: string[]): boolean {
  return roots.some((root) => {
    const rel = relative(root, path)
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
  })
}

/** The real path of the closest ancestor of `path` that exists (where a link inside a root really leads). */
async function nearestExistingReal(path: string): Promise<string> {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const real = await realpath(folder).catch(() => null)
    if (real !== null || folder === dirname(folder)) return real ?? folder
  }
}
