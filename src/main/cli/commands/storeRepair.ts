import { resolve } from 'node:path'
import { isLangswarmMemoryError, type StoreRepairReport } from '../../../shared/model/langswarm'
import { repairSessionStore } from '../../engine/langswarm'
import { counted } from '../../engine/langswarm/storeScan'
import { sessionStorePath } from '../../engine/sessions/sessionWorkspace'
import { flagValue, stringValue } from '../args'
import type { CliCommand } from '../command'
import { CliError, UsageError } from '../cliErrors'
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io'

/** Actions after which the store still has a problem a person must look at. */
const LEFT_ALONE = new Set(['left_unreadable', 'left_conflicting'])

export async function runStoreRepair(
  io: CliIo,
  dataDir: string,
  dryRun: boolean,
  json: boolean,
): Promise<number> {
  const store = sessionStorePath(resolve(io.cwd, dataDir))
  let report: StoreRepairReport
  try {
    report = await repairSessionStore(store, { dryRun })
  } catch (error) {
    if (isLangswarmMemoryError(error)) throw new CliError(error.message)
    throw error
  }
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatRepair(report))
  return report.actions.some((action) => LEFT_ALONE.has(action.action)) ? EXIT_FAILED : EXIT_OK
}

export function formatRepair(report: StoreRepairReport): string {
  if (report.damage.length === 0) {
    return `${report.store}: no damage found, nothing to do (${counted(report.sessions, 'session')})\n`
  }
  const lines = [
    `${report.store}: ${counted(report.damage.length, 'problem')} found`,
    ...report.damage.map((item) => `  ${item.kind.padEnd(24)} ${item.file}: ${item.problem}`),
    report.dry_run ? 'A repair would (dry run, nothing changed):' : 'Repaired:',
    ...report.actions.map((action) => `  ${action.action.padEnd(24)} ${action.file}: ${action.detail}`),
    `${counted(report.sessions, 'session')} in the index; ` +
      `${counted(report.lost_messages, 'message')} lost with missing session files`,
  ]
  return `${lines.join('\n')}\n`
}

export const storeRepairCommand: CliCommand = {
  name: 'store-repair',
  usage: 'store-repair --data-dir DIR [--dry-run]',
  summary: "rebuild a damaged session store's index from its session files",
  args: {
    options: { 'data-dir': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    min: 0,
    max: 0,
  },
  run: (io, args) => {
    const dataDir = stringValue(args, 'data-dir')
    if (dataDir === undefined) throw new UsageError('store-repair: --data-dir DIR is required')
    return runStoreRepair(io, dataDir, flagValue(args, 'dry-run'), flagValue(args, 'json'))
  },
}
