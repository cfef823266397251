import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

const NO_TTY_MESSAGE =
  'troubleshoot is interactive and needs a terminal on stdin. To run it without one, replay a session: ' +
  'ipsec-doctor troubleshoot --answers FILE (JSON or YAML with the answers and the outputs; a session saved by the wizard works as is).'

export default class Troubleshoot extends Command {
  static override description = `Guided troubleshooting: from a symptom to the likely cause and its fix

Asks for the symptom and the platform of each peer, tells which show command to run on which device and why, reads each output (pasted and ended with a line holding only ".", from a file, or from an editor) and says in one line what it understood. The rules decide which output is needed next; a few yes/no questions cover what no output can show. Ends with the findings ranked, each device's remediation commands, the commands that confirm the fix, and an offer to save the session as Markdown and JSON. Ctrl-C quits at any point.

Without a terminal, --answers FILE replays a session: a JSON or YAML file with "symptom" (tunnel-down, one-way, flapping, certificate, everything), "local" {name, platform}, optional "remote" {name, platform}, "captures" [{device, command, file | text}], "facts" {question-id: yes | no | unknown} and optional "save" {markdown, json}. Platforms: cisco-ios, cisco-ios-xe, cisco-asa, junos-srx, junos-mx, junos-legacy. File paths are relative to the answers file. A session saved by the wizard replays as is.`

  static override examples = [
    '<%= config.bin %> troubleshoot',
    '<%= config.bin %> troubleshoot --answers session.yaml',
    '<%= config.bin %> troubleshoot --answers ipsec-doctor-session.json',
    'cat session.yaml | <%= config.bin %> troubleshoot --answers -',
  ]

  static override flags = {
    answers: Flags.string({char: 'a', description: 'replay answers and outputs from a JSON/YAML file (- for stdin) instead of asking'}),
    at: Flags.string({description: 'ISO time to judge dates and lifetimes against when a capture holds no clock'}),
    rules: Flags.string({description: 'directory of extra rules (as diagnose --rules)', multiple: true}),
    graph: Flags.string({description: 'use another decision graph file (same format as src/wizard/graph.json)', hidden: true}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Troubleshoot)
    if (!flags.answers && !process.stdin.isTTY) {
      this.logToStderr(NO_TTY_MESSAGE)
      process.exitCode = 2
      return
    }
    const wizard = await import('../wizard/index.js')
    const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
    const printer = wizard.makePrinter(process.stdout, colour)
    let graph
    let prompter
    let scripted
    const backend = await wizard.defaultBackend({at: flags.at, rulesDirs: flags.rules})
    try {
      graph = wizard.loadGraph(flags.graph)
      if (flags.answers) {
        const {answers, baseDir} = wizard.loadAnswers(flags.answers)
        prompter = scripted = new wizard.ScriptedPrompter(answers, baseDir, printer, wizard.sameOutputVia(backend))
        const known = new Set(graph.questions.map((q) => q.id))
        for (const id of Object.keys(answers.facts)) {
          if (!known.has(id)) this.logToStderr(`warning: answers file: unknown question "${id}" (known: ${[...known].join(', ')})`)
        }
      } else prompter = new wizard.InteractivePrompter()
    } catch (error) {
      this.logToStderr(`error: ${(error as Error).message}`)
      process.exitCode = 2
      return
    }
    // Between prompts the terminal is not in raw mode, so Ctrl-C arrives as a signal.
    const onSigint = () => {
      process.stderr.write('\nCancelled: troubleshooting session ended, nothing saved.\n')
      process.exit(130)
    }
    process.on('SIGINT', onSigint)
    try {
      await wizard.runWizard({graph, backend, prompter, printer})
      for (const c of scripted?.unused() ?? []) this.logToStderr(`warning: answers file: output of "${c.command}" for ${c.device} was never asked for`)
    } catch (error) {
      const name = (error as Error).name
      if (name === 'ExitPromptError' || name === 'AbortPromptError') {
        process.stderr.write('\nCancelled: troubleshooting session ended, nothing saved.\n')
        process.exitCode = 130
      } else if (error instanceof wizard.SessionAborted) {
        this.logToStderr(`error: ${error.message}`)
        process.exitCode = 2
      } else throw error
    } finally {
      process.removeListener('SIGINT', onSigint)
    }
  }
}
