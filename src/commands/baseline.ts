import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import {inputsArg, deviceFlag} from '../lib/cli-flags.js'

/** Straight to stderr: oclif's logToStderr is silent under --json, and errors must still be seen. */
function stderrLine(message: string): void {
  process.stderr.write(`${message}\n`)
}

export default class Baseline extends Command {
  static override description = `Record the current findings as a baseline

Runs the same diagnosis as \`diagnose\` (same config file, rules and --at) and writes every finding's fingerprint to a file. \`diagnose --baseline FILE\` then reports only findings that are not in it, says how many were suppressed, and lists baseline entries that no longer occur.

Commit the file next to the captures; regenerate it when a known issue is fixed or accepted.`

  static override examples = [
    '<%= config.bin %> baseline captures/ -o .ipsec-doctor-baseline.json',
    '<%= config.bin %> diagnose captures/ --baseline .ipsec-doctor-baseline.json',
  ]

  static override strict = false

  static override args = {
    inputs: inputsArg(),
  }

  static override flags = {
    output: Flags.string({char: 'o', description: 'baseline file to write (default: baseline of the config file, else .ipsec-doctor-baseline.json)'}),
    device: deviceFlag(),
    at: Flags.string({description: 'ISO 8601 time to judge certificates and lifetimes against when a capture holds no time'}),
    rules: Flags.string({description: 'extra rule pack directory (repeatable)', multiple: true, multipleNonGreedy: true}),
    config: Flags.string({description: 'configuration file (default: .ipsec-doctor.json/.yaml found upward)'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Baseline)
    const {runDiagnose, EXIT_OK, EXIT_USAGE} = await import('../report/diagnose-run.js')
    const {createBaseline, writeBaseline} = await import('../baseline/index.js')
    try {
      const result = await runDiagnose({
        inputs: argv as string[],
        device: flags.device,
        at: flags.at,
        rulesDirs: flags.rules,
        configFile: flags.config,
        failOn: 'never',
        noBaseline: true,
        targets: [],
        color: false,
      })
      for (const m of result.messages) stderrLine(m)
      if (!result.doc || result.exitCode === EXIT_USAGE) {
        process.exitCode = EXIT_USAGE
        return
      }
      const baseline = createBaseline(result.doc)
      const file = flags.output ?? result.configBaseline ?? '.ipsec-doctor-baseline.json'
      writeBaseline(file, baseline)
      const {relative} = await import('node:path')
      const rel = relative(process.cwd(), file)
      stderrLine(`wrote ${baseline.findings.length} finding(s) to ${rel && !rel.startsWith('..') ? rel : file}`)
      process.exitCode = EXIT_OK
    } catch (error) {
      if (process.env.DEBUG) throw error
      stderrLine(`error: ${(error as Error).message}`)
      process.exitCode = EXIT_USAGE
    }
  }
}
