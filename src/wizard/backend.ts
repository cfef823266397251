/**
 * The seam between the wizard and the rest of ipsec-doctor: parsing a paste, merging captures,
 * running the rules, and telling which parser prints a command. Tests inject their own.
 */
import type {DiagnoseDocument, ParseDocument, Vendor} from '../model/index.js'

export interface CommandParsers {
  canonical: string
  parserIds: string[]
}

export interface WizardBackend {
  ingestText(text: string, opts: {file: string; device: string}): Promise<ParseDocument>
  merge(docs: ParseDocument[]): ParseDocument
  diagnose(doc: ParseDocument): Promise<DiagnoseDocument>
  /** Parsers that read the output of `command` on `vendor`, or null when no parser knows it. */
  parsersFor(command: string, vendor: Vendor): CommandParsers | null
}

/** The real pipeline: ingest + rules engine. Loaded lazily so that `--help` stays fast. */
export async function defaultBackend(): Promise<WizardBackend> {
  const ingest = await import('../ingest/index.js')
  const commands = await import('../ingest/commands.js')
  // The rules engine lands in a parallel change; a computed specifier keeps this module compiling
  // until src/engine/index.ts exists.
  const enginePath = '../engine/index.js'
  const engine = (await import(enginePath)) as {diagnose(doc: ParseDocument, opts: object): Promise<DiagnoseDocument>}
  return {
    ingestText: (text, opts) => ingest.ingestText(text, opts),
    merge: (docs) => ingest.mergeDocuments(docs),
    diagnose: (doc) => engine.diagnose(doc, {}),
    parsersFor(command, vendor) {
      const m = commands.matchCommand(command, vendor)
      return m ? {canonical: m.canonical, parserIds: m.parsers.map((p) => p.id)} : null
    },
  }
}
