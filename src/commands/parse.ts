import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import {inputsArg, deviceFlag, redactFlag} from '../lib/cli-flags.js'

export default class Parse extends Command {
  static override description = `Read captured show outputs and print the normalized facts

Reads files, directories (walked for *.txt, *.log, ... captures), globs or "-" (stdin). Each capture may hold many commands with prompts; headless pastes are recognised by content. Prints, per device and command block, what was understood and every line that was not (file:line).`

  static override examples = [
    '<%= config.bin %> parse examples/cisco-mm-no-state/HQ-R1.txt',
    '<%= config.bin %> parse captures/ --json > facts.json',
    'cat r1.txt | <%= config.bin %> parse - --device R1 --strict',
  ]

  static override strict = false
  static override enableJsonFlag = true

  static override args = {
    inputs: inputsArg(),
  }

  static override flags = {
    device: deviceFlag(),
    strict: Flags.boolean({description: 'exit 1 if any line was not understood'}),
    redact: redactFlag(),
  }

  async run(): Promise<unknown> {
    const {argv, flags} = await this.parse(Parse)
    const {ingestFiles} = await import('../ingest/index.js')
    const {exitCodeForParse} = await import('../lib/exit.js')
    let doc = await ingestFiles(argv as string[], {device: flags.device})
    if (flags.redact) {
      const {redactParse} = await import('../redact/index.js')
      doc = redactParse(doc)
    }
    // straight to stderr: oclif's logToStderr is silent under --json, and input problems must be seen
    for (const d of doc.diagnostics) if (d.level !== 'info' || !this.jsonEnabled()) process.stderr.write(`${d.level}: ${d.message}\n`)
    process.exitCode = exitCodeForParse(doc, flags.strict)
    if (this.jsonEnabled()) {
      // written as a stream: oclif's own JSON printing pretty-prints and colours the whole document in memory
      const {writeJson} = await import('../report/json-stream.js')
      await writeJson(process.stdout, doc)
      return undefined
    }
    const {renderParseTable} = await import('../report/parse-table.js')
    this.log(renderParseTable(doc, {color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR}))
    return undefined
  }
}
