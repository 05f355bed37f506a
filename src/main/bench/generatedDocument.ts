import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EventBus } from '../api/events'
import { disposeServices, type Services } from '../api/services'
import { createServices } from '../createServices'
import { OpenPolicy } from '../engine/conversations/files/openPolicy'
import { GENERATED_TIMESTAMP, writeGeneratedMarsysFile } from './generateMarsysFile'

export interface GeneratedDocument {
  services: Services
  /** The open document's id. */
  id: string
  dispose(): Promise<void>
}

/**
 * Real services over a temp folder, with a generated MARSYS file of `count` messages open and fully indexed (a
 * benchmark measures its own work, not the background indexing that follows an open).
 */
export async function openGeneratedDocument(prefix: string, count: number): Promise<GeneratedDocument> {
  const dir = await mkdtemp(join(tmpdir(), `mi-${prefix}-bench-`))
  const services = createServices({
    context: {
      name: 'Memory Inspector',
      version: 'bench',
      dataDir: join(dir, 'data'),
      door: 'web',
      runtime: 'node',
      platform: process.platform,
    },
    bus: new EventBus(),
    policy: OpenPolicy.unrestricted(),
  })
  const dispose = async (): Promise<void> => {
    await disposeServices(services)
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const path = join(dir, 'memory.json')
    writeGeneratedMarsysFile(path, count, GENERATED_TIMESTAMP)
    const [doc] = (await services.documents.open([path])).documents
    while (services.documents.get(doc.id).summary().indexing) await new Promise((r) => setTimeout(r, 20))
    return { services, id: doc.id, dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}
