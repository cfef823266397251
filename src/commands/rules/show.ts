import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

export default class RulesShow extends Command {
  static override description = 'Explain one rule: when it fires, likely causes, and the remediation steps per vendor'

  static override examples = ['<%= config.bin %> rules show ike-stuck-mm-no-state', '<%= config.bin %> rules show cert-expired --json']

  static override enableJsonFlag = true

  static override args = {
    id: Args.string({description: 'rule id (see rules list)', required: true}),
  }

  static override flags = {
    rules: Flags.string({description: 'extra rule pack directory (repeatable)', multiple: true}),
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(RulesShow)
    const {loadRules} = await import('../../engine/loader.js')
    const {renderRule} = await import('../../engine/rules-report.js')
    const pack = await loadRules(flags.rules ?? [])
    const rule = pack.rules.find((r) => r.id === args.id)
    if (!rule) {
      const near = pack.rules.filter((r) => r.id.includes(args.id) || args.id.includes(r.category)).map((r) => r.id).slice(0, 8)
      this.logToStderr(`error: no rule "${args.id}"${near.length > 0 ? ` (did you mean: ${near.join(', ')}?)` : ''}`)
      process.exitCode = 2
      return undefined
    }
    if (this.jsonEnabled()) return rule
    this.log(renderRule(rule))
    return undefined
  }
}
