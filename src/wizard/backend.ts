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
  /** `symptom`: the wizard's symptom id (tunnel-down, one-way, ...), given to the engine as the user's symptom. */
  diagnose(doc: ParseDocument, symptom?: string): Promise<DiagnoseDocument>
  /** Parsers that read the output of `command` on `vendor`, or null when no parser knows it. */
  parsersFor(command: string, vendor: Vendor): CommandParsers | null
}

export interface BackendOptions {
  /** ISO time for devices whose captures hold no clock (diagnose --at). */
  at?: string
  /** Extra rule packs (diagnose --rules). */
  rulesDirs?: string[]
}

/** True when a parser reads the output of both commands ("sh cry isa sa" and "show crypto isakmp sa"). */
export function sameOutputVia(backend: WizardBackend): (a: string, b: string, vendor: Vendor) => boolean {
  return (a, b, vendor) => {
    const pa = backend.parsersFor(a, vendor)
    const pb = backend.parsersFor(b, vendor)
    return pa !== null && pb !== null && pa.parserIds.some((id) => pb.parserIds.includes(id))
  }
}

/** The engine's symptom for a wizard symptom id: tunnel-down is down; everything is none. */
export function engineSymptom(id: string | undefined): 'down' | 'one-way' | 'flapping' | 'certificate' | null {
  if (id === 'tunnel-down') return 'down'
  return id === 'one-way' || id === 'flapping' || id === 'certificate' ? id : null
}

/** The real pipeline: ingest + rules engine. Loaded lazily so that `--help` stays fast. */
export async function defaultBackend(opts: BackendOptions = {}): Promise<WizardBackend> {
  const ingest = await import('../ingest/index.js')
  const commands = await import('../ingest/commands.js')
  const engine = await import('../engine/index.js')
  return {
    ingestText: (text, o) => ingest.ingestText(text, o),
    merge: (docs) => ingest.mergeDocuments(docs),
    diagnose: (doc, symptom) => engine.diagnose(doc, {at: opts.at, rulesDirs: opts.rulesDirs, symptom: engineSymptom(symptom)}),
    parsersFor(command, vendor) {
      const m = commands.matchCommand(command, vendor)
      return m ? {canonical: m.canonical, parserIds: m.parsers.map((p) => p.id)} : null
    },
  }
}
