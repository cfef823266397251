import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

export default class RulesList extends Command {
  static override description = 'List the diagnosis rules: id, severity, category, vendors, title'

  static override examples = ['<%= config.bin %> rules list', '<%= config.bin %> rules list --json', '<%= config.bin %> rules list --rules ./my-rules']

  static override enableJsonFlag = true

  static override flags = {
    rules: Flags.string({description: 'extra rule pack directory (repeatable)', multiple: true}),
    category: Flags.string({description: 'only rules of this category (ike, ipsec, cert ...)'}),
    vendor: Flags.string({description: 'only rules for this vendor', options: ['cisco', 'junos']}),
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(RulesList)
    const {loadRules, formatLoadError} = await import('../../engine/loader.js')
    const {renderRuleTable, ruleSummaries} = await import('../../engine/rules-report.js')
    const pack = await loadRules(flags.rules ?? [])
    for (const e of pack.errors) this.logToStderr(`error: ${formatLoadError(e)}`)
    if (pack.errors.length > 0) process.exitCode = 1
    const rules = pack.rules.filter(
      (r) => (!flags.category || r.category === flags.category) && (!flags.vendor || r.vendors.includes(flags.vendor as 'cisco' | 'junos')),
    )
    if (this.jsonEnabled()) return ruleSummaries(rules)
    this.log(renderRuleTable(rules, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR))
    return undefined
  }
}
