export function importGraph(folder: string): Map<string, string[]>
export function findImportCycles(folder: string): string[][]
