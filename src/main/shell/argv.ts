/**
 * The files given on the command line: `electron . a.json b.json` in development (argv: electron, app folder,
 * files…) or `memory-inspector a.json` when packaged (argv: binary, files…). Chromium switches are skipped.
 */
export function filesFromArgv(argv: string[], packaged: boolean): string[] {
  return argv.slice(packaged ? 1 : 2).filter((arg) => !arg.startsWith('-'))
}
