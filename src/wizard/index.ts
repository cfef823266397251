/** Entry point of the guided session: run it, print the ranked report, offer to save it. */
import type {SessionOptions, SessionState} from './session.js'
import {Session} from './session.js'
import {printReport, saveSession} from './report.js'

export {loadGraph} from './graph.js'
export type {DecisionGraph} from './graph.js'
export {defaultBackend, sameOutputVia} from './backend.js'
export type {WizardBackend} from './backend.js'
export type {Printer, Prompter} from './io.js'
export {SessionAborted} from './io.js'
export {InteractivePrompter, keepOpen, makePrinter} from './interactive.js'
export {loadAnswers, ScriptedPrompter} from './scripted.js'
export type {SessionState} from './session.js'

export interface WizardOptions extends SessionOptions {
  /** Clock for the saved session's date (tests pin it). */
  now?: () => Date
}

export async function runWizard(opts: WizardOptions): Promise<SessionState> {
  const {prompter, printer: out, graph} = opts
  const state = await new Session(opts).run()
  printReport(out, state, graph)
  out.line()
  const save = await prompter.confirm('save', 'Save this session (captures and findings) as Markdown and JSON?', false)
  if (!save) return state
  const markdown = (await prompter.text('save.markdown', 'Markdown file (empty: none):', 'ipsec-doctor-session.md', false)).trim()
  const json = (await prompter.text('save.json', 'JSON file, replayable with --answers (empty: none):', 'ipsec-doctor-session.json', false)).trim()
  try {
    const written = saveSession(state, graph, {markdown: markdown || undefined, json: json || undefined}, (opts.now ?? (() => new Date()))().toISOString())
    for (const f of written) out.line(`${out.green('✔')} Saved ${f}`)
  } catch (error) {
    out.line(out.red(`Could not save the session: ${(error as Error).message}`))
  }
  return state
}
