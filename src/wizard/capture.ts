/**
 * Turns what the user gave for one command (pasted text, a file path, editor content) into a parsed
 * capture, or into a clear message saying why it cannot be used (empty, binary, another command,
 * another vendor). The caller shows the message and asks again.
 */
import {readFileSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import type {ParseDocument, Vendor} from '../model/index.js'
import {isUnparsedNote} from '../ingest/index.js'
import type {WizardBackend} from './backend.js'
import {summarizeCapture} from './summary.js'

export type CaptureInput =
  | {kind: 'paste'; text: string}
  | {kind: 'editor'; text: string}
  | {kind: 'file'; path: string}
  | {kind: 'skip'}

export interface CaptureRequest {
  device: string
  vendor: Vendor
  platformLabel: string
  command: string
  /** File label used in evidence (file:line) for pasted text. */
  label: string
}

export interface AcceptedCapture {
  device: string
  command: string
  source: 'paste' | 'editor' | 'file'
  path: string | null
  label: string
  text: string
  doc: ParseDocument
  summary: string
  /** Canonical commands the capture held (a paste may hold several). */
  commandsSeen: string[]
  /** Worth telling: another device name in the prompt, lines not understood, parser warnings. */
  notes: string[]
}

const MAX_NOTES = 3

function notesOf(doc: ParseDocument, device: string, promptNames: string[]): string[] {
  const notes: string[] = []
  const others = promptNames.filter((n) => n !== device)
  if (others.length > 0) notes.push(`the prompt says ${others.join(', ')}; the output is filed under ${device}`)
  const unparsed = doc.blocks.flatMap((b) => b.unparsed)
  for (const u of unparsed.slice(0, MAX_NOTES)) notes.push(`line ${u.line} not understood: ${u.text.trim()}`)
  if (unparsed.length > MAX_NOTES) notes.push(`${unparsed.length - MAX_NOTES} more lines not understood`)
  // the unparsed-lines note is left out: the lines themselves are listed above
  for (const d of doc.diagnostics.filter((x) => x.level !== 'info' && !isUnparsedNote(x)).slice(0, MAX_NOTES)) notes.push(d.message)
  return notes
}

export type CaptureCheck = {ok: true; capture: AcceptedCapture} | {ok: false; message: string}

const VENDOR_NAMES: Record<Vendor, string> = {cisco: 'Cisco', junos: 'Junos'}

/** True for text with NUL bytes or more than 10 % control characters (tab, CR, LF and ESC excepted). */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true
  const sample = text.slice(0, 8192)
  let odd = 0
  for (const ch of sample) {
    const c = ch.charCodeAt(0)
    if (c < 9 || (c > 13 && c < 32 && c !== 27) || c === 0xfffd) odd++
  }
  return sample.length > 0 && odd / sample.length > 0.1
}

function readCaptureFile(path: string): {text: string} | {error: string} {
  let size: number
  try {
    const st = statSync(path)
    if (st.isDirectory()) return {error: `${path} is a directory; give the path of one capture file`}
    size = st.size
  } catch {
    return {error: `no file at ${path}`}
  }
  if (size === 0) return {error: `${path} is empty`}
  try {
    const buf = readFileSync(path)
    if (buf.includes(0)) return {error: `${path} is a binary file, not a text capture`}
    return {text: buf.toString('utf8')}
  } catch (error) {
    return {error: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}
  }
}

/** Every fact and block of a paste belongs to the device the user named, whatever its prompt said. */
function assignDevice(doc: ParseDocument, device: string): ParseDocument {
  for (const b of doc.blocks) b.device = device
  for (const list of Object.values(doc.facts)) for (const f of list as {source: {device: string}}[]) f.source.device = device
  const vendor = doc.devices.find((d) => d.vendor)?.vendor ?? null
  const platform = doc.devices.find((d) => d.platform)?.platform ?? null
  const captureTime = doc.devices.map((d) => d.captureTime).find((t) => t !== null) ?? null
  doc.devices = doc.devices.length > 0 ? [{name: device, vendor, platform, files: [...new Set(doc.devices.flatMap((d) => d.files))], captureTime}] : []
  return doc
}

export async function checkCapture(backend: WizardBackend, req: CaptureRequest, input: CaptureInput): Promise<CaptureCheck> {
  if (input.kind === 'skip') return {ok: false, message: 'skipped'}
  let text: string
  let path: string | null = null
  if (input.kind === 'file') {
    // A shell would expand "~/captures/r1.txt"; the prompt does it here.
    path = input.path.trim().replace(/^~(?=\/|$)/, homedir())
    if (path === '') return {ok: false, message: 'No file path given.'}
    const read = readCaptureFile(path)
    if ('error' in read) return {ok: false, message: `Cannot use that file: ${read.error}.`}
    text = read.text
  } else text = input.text
  if (text.trim() === '') return {ok: false, message: 'Nothing was pasted. Paste the output of the command, then a line with a single "."'}
  if (looksBinary(text)) return {ok: false, message: 'That looks like binary data, not the text output of a show command.'}

  const label = path ?? req.label
  const ingested = await backend.ingestText(text, {file: label, device: req.device})
  const promptNames = [...new Set(ingested.blocks.filter((b) => b.detectedBy === 'prompt').map((b) => b.device))]
  const doc = assignDevice(ingested, req.device)
  const parsed = doc.blocks.filter((b) => b.parser !== null)
  const expected = backend.parsersFor(req.command, req.vendor)
  // a Junos configuration view keeps the hierarchy it names ("show configuration security ike"): one
  // canonical command, but the ike and the ipsec views are different outputs
  const seen = (b: (typeof parsed)[number]) => (b.command === 'show configuration' && b.args.length > 0 ? [b.command, ...b.args].join(' ') : b.command)
  const commandsSeen = [...new Set(parsed.map(seen).filter((c): c is string => c !== null))]
  const accept = (): CaptureCheck => ({
    ok: true,
    capture: {device: req.device, command: req.command, source: input.kind === 'file' ? 'file' : input.kind, path, label, text, doc, summary: summarizeCapture(doc), commandsSeen, notes: notesOf(doc, req.device, promptNames)},
  })

  if (parsed.length === 0) {
    if (!expected) return accept()
    return {
      ok: false,
      message: `ipsec-doctor did not recognise this as the output of "${req.command}". Paste the complete output, header lines included (the command line itself may be included too).`,
    }
  }
  const vendors = new Set(parsed.map((b) => b.vendor))
  if (!vendors.has(req.vendor)) {
    const other = [...vendors].filter((v): v is Vendor => v !== null).map((v) => VENDOR_NAMES[v])
    return {ok: false, message: `That is ${other.join('/')} output, but ${req.device} was described as ${req.platformLabel}. Paste the output from ${req.device}.`}
  }
  if (expected && !parsed.some((b) => b.parser !== null && expected.parserIds.includes(b.parser))) {
    return {ok: false, message: `That looks like the output of "${commandsSeen.join('", "')}", not of "${req.command}". Run "${req.command}" on ${req.device} and paste its output.`}
  }
  return accept()
}
