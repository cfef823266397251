import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'

export default class RulesLint extends Command {
  static override description = `Validate a rule pack without running a diagnosis

Checks every *.json under DIR (default: the built-in rules) against the rule JSON Schema, checks that conditions, messages and evidence name fields that exist, and runs each rule's own examples. Problems are printed as "file: /json/path: message"; exit 1 when there is any.`

  static override examples = ['<%= config.bin %> rules lint', '<%= config.bin %> rules lint ./my-rules', '<%= config.bin %> rules lint ./my-rules --json']

  static override enableJsonFlag = true

  static override args = {
    dir: Args.string({description: 'rule pack directory (default: built-in rules)', required: false}),
  }

  async run(): Promise<unknown> {
    const {args} = await this.parse(RulesLint)
    const {BUILTIN_RULES_DIR} = await import('../../engine/loader.js')
    const {lintRuleDir, renderLint} = await import('../../engine/rules-report.js')
    const result = await lintRuleDir(args.dir ?? BUILTIN_RULES_DIR)
    process.exitCode = result.errors.length > 0 ? 1 : 0
    if (this.jsonEnabled()) return result
    this.log(renderLint(result))
    return undefined
  }
}
