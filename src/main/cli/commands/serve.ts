/** `serve` belongs to web mode; loaded lazily so the other commands never pull in the server. */
export async function runServe(argv: readonly string[]): Promise<number> {
  const { runWebMode } = await import('../../web')
  await runWebMode([...argv])
  return 0
}
