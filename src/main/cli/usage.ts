export const USAGE = `Usage: memory-inspector <command> [options]

Commands:
  validate [--json] FILE...                  check MARSYS memory files; exit 1 if any has errors
  stats [--json] [--per-message] FILE        message, role, token and tool-call figures for one file
  resave FILE [-o OUT]                       load and save without edits (byte-identical; keeps FILE.bak)
  serve [FILE...] [--port N] [--no-open]     open the files in the browser UI (web mode)

Options:
  --json          machine-readable output
  --debug         show stack traces for unexpected errors
  -h, --help      show this help
`
