import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import * as Args from '@oclif/core/args'

/**
 * `ipsec-doctor help [COMMAND]`: oclif's own help, as @oclif/plugin-help's command prints it. A command
 * of ours rather than that plugin: oclif loads every plugin at each start, and this one only for help.
 */
export default class Help extends Command {
  static override description = 'Display help for <%= config.bin %>.'

  static override strict = false

  static override args = {
    command: Args.string({description: 'Command to show help for.', required: false}),
  }

  static override flags = {
    'nested-commands': Flags.boolean({char: 'n', description: 'Include all nested commands in the output.'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Help)
    const {loadHelpClass} = await import('@oclif/core/help')
    const HelpClass = await loadHelpClass(this.config)
    await new HelpClass(this.config, {all: flags['nested-commands']}).showHelp(argv as string[])
  }
}
