import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import {inputsArg, deviceFlag, redactFlag} from '../lib/cli-flags.js'

/** Straight to stderr: oclif's logToStderr is silent under --json, and errors must still be seen. */
function stderrLine(message: string): void {
  process.stderr.write(`${message}\n`)
}

const FAIL_ON = ['critical', 'error', 'warning', 'info', 'never'] as const
const FORMATS = ['table', 'json', 'junit', 'sarif', 'markdown'] as const

export default class Diagnose extends Command {
  static override description = `Diagnose IPsec problems in captured show outputs, and gate CI on them

Runs the rule pack over the facts of the captures and prints findings with their evidence (file:line field = value), likely causes and each vendor's remediation commands.

Exit codes: 0 no finding at or above --fail-on, 1 there is one (or more warnings than --max-warnings), 2 usage error or unusable input.

Several reports in one run: pair each --format with the --output after it, e.g. --format junit --output r.xml --format sarif --output r.sarif. A format without --output goes to stdout. Settings also come from .ipsec-doctor.json/.yaml (found upward from the working directory) or --config; flags win over the file.`

  static override examples = [
    '<%= config.bin %> diagnose examples/cisco-mm-no-state',
    '<%= config.bin %> diagnose captures/ --fail-on warning --format sarif --output ipsec.sarif',
    '<%= config.bin %> diagnose captures/ --format junit --output junit.xml --format markdown --output comment.md',
    '<%= config.bin %> diagnose captures/ --baseline .ipsec-doctor-baseline.json --json',
    '<%= config.bin %> diagnose --before r1-0900.txt r1-0905.txt',
    '<%= config.bin %> diagnose r1.txt --symptom one-way',
    'cat r1.txt | <%= config.bin %> diagnose - --device R1 --at 2024-03-01T10:00:00Z',
  ]

  static override strict = false
  static override enableJsonFlag = true

  static override args = {
    inputs: inputsArg(),
  }

  static override flags = {
    device: deviceFlag(),
    at: Flags.string({description: 'ISO 8601 time to judge certificates and lifetimes against when a capture holds no time'}),
    rules: Flags.string({description: 'extra rule pack directory (repeatable)', multiple: true, multipleNonGreedy: true}),
    config: Flags.string({description: 'configuration file (default: .ipsec-doctor.json/.yaml found upward)'}),
    'fail-on': Flags.string({description: 'lowest severity that fails the run (default error, or failOn in the config)', options: [...FAIL_ON]}),
    'max-warnings': Flags.integer({description: 'fail when there are more warnings than this', min: 0}),
    format: Flags.string({char: 'f', description: 'report format (repeatable, pairs with the next --output)', options: [...FORMATS], multiple: true, multipleNonGreedy: true}),
    output: Flags.string({char: 'o', description: 'file for the preceding --format (repeatable)', multiple: true, multipleNonGreedy: true}),
    baseline: Flags.string({description: 'report only findings not in this baseline file (see `ipsec-doctor baseline`)'}),
    redact: redactFlag(),
    symptom: Flags.string({
      description: 'what the user sees: findings that explain it come first, and their rules need less evidence (with one-way, any flow sending without receiving is one-way)',
      options: ['down', 'one-way', 'flapping', 'certificate'],
    }),
    before: Flags.string({description: 'earlier capture of the same device(s) (repeatable): adds the delta- checks over the interval', multiple: true, multipleNonGreedy: true}),
  }

  async run(): Promise<unknown> {
    const {argv, flags} = await this.parse(Diagnose)
    const {pairOutputs} = await import('../report/outputs.js')
    const {runDiagnose, EXIT_USAGE} = await import('../report/diagnose-run.js')
    const {shouldColor} = await import('../report/color.js')
    const paired = pairOutputs(this.argv)
    if (paired.errors.length > 0) {
      for (const e of paired.errors) stderrLine(`error: ${e}`)
      process.exitCode = EXIT_USAGE
      return undefined
    }
    let result
    try {
      result = await runDiagnose({
        inputs: argv as string[],
        device: flags.device,
        at: flags.at,
        rulesDirs: flags.rules,
        configFile: flags.config,
        failOn: flags['fail-on'] as (typeof FAIL_ON)[number] | undefined,
        maxWarnings: flags['max-warnings'],
        baseline: flags.baseline,
        redact: flags.redact,
        before: flags.before,
        symptom: flags.symptom as 'down' | 'one-way' | 'flapping' | 'certificate' | undefined,
        targets: paired.targets,
        color: shouldColor(process.stdout),
        jsonHandledByCaller: this.jsonEnabled(),
      })
    } catch (error) {
      // Unexpected failure: one line, no stack trace (DEBUG=* shows it).
      if (process.env.DEBUG) throw error
      stderrLine(`error: ${(error as Error).message}`)
      process.exitCode = EXIT_USAGE
      return undefined
    }
    process.exitCode = result.exitCode
    if (result.stdout !== null) process.stdout.write(result.stdout)
    // JSON goes out as a stream (--format json or --json), never as one pretty-printed string in memory
    const json = result.stdoutJson ?? (this.jsonEnabled() ? result.doc : null)
    if (json) await (await import('../report/json-stream.js')).writeJson(process.stdout, json)
    for (const m of result.messages) stderrLine(m)
    return undefined
  }
}
