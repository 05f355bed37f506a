/** Saves a file from the page: a download in web mode, the save dialog's default in Electron. */
export function downloadFile(fileName: string, href: string): void {
  const link = document.createElement('a')
  link.href = href
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
}

/** Saves text as a file (a page cannot write to disk itself). */
export function downloadText(fileName: string, text: string, mime = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  downloadFile(fileName, url)
  // Revoked a little later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
