/** The folder part of a path (either separator), with its trailing separator; '' when there is none. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut < 0 ? '' : path.slice(0, cut + 1)
}

/** `name` inside `folder` (a folder given without its trailing separator gets one). */
export function inFolder(folder: string, name: string): string {
  if (folder === '') return name
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  return /[\\/]$/.test(folder) ? `${folder}${name}` : `${folder}${separator}${name}`
}
