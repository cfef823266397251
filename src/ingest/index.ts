/**
 * Ingest: inputs -> lines -> blocks -> parsers -> one normalized ParseDocument.
 *
 *   capture files ──read.ts──▶ cleaned lines ──split.ts──▶ raw blocks ──dispatch.ts──▶ facts + accounted blocks
 */
import {basename, extname} from 'node:path'
import {Readable} from 'node:stream'
import {emptyFacts, SCHEMA_VERSION} from '../model/constants.js'
import type {Block, Device, Diagnostic, Fact, FactKind, ParseDocument, Vendor} from '../model/index.js'
import {VERSION} from '../version.js'
import {dispatch, prepare} from './dispatch.js'
import {loadParsers} from '../parsers/load.js'
import {dropBriefSessionCopies, dropSessionFlowCopies, mergeViewCopies} from './overlap.js'
import {spellingOf} from './commands.js'
import {resolveInputs, streamLines} from './read.js'
import {Splitter, type RawBlock} from './split.js'
import {joinRelayHosts, resolveLogYears} from './log-block.js'
import {turnQuotedPeerLogs} from './quoted-logs.js'

export interface IngestOptions {
  /** Device name for blocks without a prompt (default: the file name without extension). */
  device?: string
  /** Stream to read for the input "-" (default: process.stdin). */
  stdin?: Readable
}

interface FileResult {
  file: string
  lines: number
  looseIgnored: number
  /** Each block with the facts it produced. */
  parts: {block: Block; facts: Fact[]}[]
  diagnostics: Diagnostic[]
}

async function ingestOne(file: string, opts: IngestOptions): Promise<FileResult> {
  const label = file === '-' ? '<stdin>' : file
  const fallbackDevice = opts.device ?? (file === '-' ? 'stdin' : basename(file, extname(file)))
  const result: FileResult = {file: label, lines: 0, looseIgnored: 0, parts: [], diagnostics: []}
  // The splitter emits blocks from inside the line callback, which cannot wait for a parser module to
  // load: blocks queue, and are dispatched after each chunk (so memory holds one chunk's blocks).
  const pending: RawBlock[] = []
  const splitter = new Splitter((raw) => pending.push(raw))
  const drain = async () => {
    for (const raw of pending) {
      await prepare(raw)
      let d = dispatch(raw, label, fallbackDevice)
      if (d.needsAllParsers) {
        await loadParsers('all')
        d = dispatch(raw, label, fallbackDevice)
      }
      result.parts.push(...d.parts)
      result.diagnostics.push(...d.diagnostics)
    }
    pending.length = 0
  }
  const outcome = await streamLines(file, (line) => splitter.push(line), opts.stdin, drain)
  splitter.end()
  await drain()
  result.lines = outcome.lines
  result.looseIgnored = splitter.looseIgnored
  if (outcome.error) {
    result.diagnostics.push({level: 'error', file: label, line: null, message: outcome.error})
  } else if (outcome.lines === 0 || (result.parts.length === 0 && result.looseIgnored === outcome.lines)) {
    result.diagnostics.push({level: 'error', file: label, line: null, message: `${label}: empty capture (no command output found)`})
  }
  if (outcome.invalidUtf8Lines.length > 0) {
    const n = outcome.invalidUtf8Lines
    result.diagnostics.push({level: 'warning', file: label, line: n[0], message: `${label}:${n[0]}: invalid UTF-8 on ${n.length} line(s), shown as U+FFFD`})
  }
  return result
}

/** Reads files, directories, globs or "-" and returns the normalized document. */
export async function ingestFiles(inputs: string[], opts: IngestOptions = {}): Promise<ParseDocument> {
  return (await ingestFilesEach(inputs, opts)).doc
}

export interface IngestedEach {
  /** What ingestFiles returns for the same inputs. */
  doc: ParseDocument
  /** The files the inputs resolved to, in reading order ("-" for stdin). */
  files: string[]
  /** One document per file, as ingestFiles([file]) would return it; built on demand from the same reading. */
  perFile: () => ParseDocument[]
}

/**
 * ingestFiles that also keeps each file's own document, for callers that compare files (capture
 * times of one device in several files): every file is read and parsed once. The documents share
 * fact and block objects; none of them is changed after it is built.
 */
export async function ingestFilesEach(inputs: string[], opts: IngestOptions = {}): Promise<IngestedEach> {
  const {files, diagnostics} = await resolveInputs(inputs)
  const results: FileResult[] = []
  for (const f of files) results.push(await ingestOne(f, opts))
  return {doc: buildDocument(inputs, results, diagnostics), files, perFile: () => results.map((r, i) => buildDocument([files[i]], [r], []))}
}

/** Parses text already in memory (a paste in the wizard, a test). `file` names it in provenance. */
export async function ingestText(text: string, opts: IngestOptions & {file: string}): Promise<ParseDocument> {
  const result = await ingestOne('-', {...opts, stdin: Readable.from([Buffer.from(text, 'utf8')])})
  const relabel = (s: string) => (s === '<stdin>' ? opts.file : s)
  result.file = opts.file
  for (const {block, facts} of result.parts) {
    block.file = relabel(block.file)
    for (const f of facts) f.source.file = relabel(f.source.file)
  }
  for (const d of result.diagnostics) {
    d.file = relabel(d.file)
    d.message = d.message.split('<stdin>').join(opts.file)
  }
  if (!opts.device) {
    const device = basename(opts.file, extname(opts.file))
    for (const {block, facts} of result.parts) {
      if (block.device === 'stdin') block.device = device
      for (const f of facts) if (f.source.device === 'stdin') f.source.device = device
    }
  }
  return buildDocument([opts.file], [result], [])
}

/** Joins documents (e.g. several wizard pastes) into one, keeping block and fact order. */
export function mergeDocuments(docs: ParseDocument[]): ParseDocument {
  const results: FileResult[] = []
  for (const d of docs) {
    const all: Fact[] = []
    for (const list of Object.values(d.facts)) all.push(...(list as Fact[]))
    // Facts go with the first block of their file whose range holds them.
    const parts = d.blocks.map((block) => ({block, facts: [] as Fact[]}))
    for (const f of all) {
      const part = parts.find((p) => p.block.file === f.source.file && f.source.startLine >= p.block.startLine && f.source.startLine <= p.block.endLine)
      if (part) part.facts.push(f)
      else if (parts.length > 0) parts[0].facts.push(f)
    }
    results.push({file: d.inputs.join(','), lines: d.summary.lines, looseIgnored: d.summary.ignoredOutsideBlocks, parts, diagnostics: d.diagnostics})
  }
  return buildDocument(docs.flatMap((d) => d.inputs), results, [], false)
}

function platformOf(parserId: string | null): string | null {
  if (!parserId) return null
  if (parserId.startsWith('cisco/asa-')) return 'asa'
  if (/ikev2|crypto-session/.test(parserId)) return 'ios-xe'
  if (parserId.startsWith('junos/show-security-')) return 'junos-srx'
  if (parserId.startsWith('junos/show-services-')) return 'junos-mx'
  return null
}

function blockKey(b: Block): string {
  // the spelling typed, not only the canonical command: aliases of one parser can be different outputs
  const spelling = b.parser && b.commandRaw ? spellingOf(b.parser, b.commandRaw) : null
  return `${b.device}\u0000${spelling ?? b.command}\u0000${b.args.join(' ')}\u0000${b.pipe ?? ''}\u0000${b.node ?? ''}`
}

/**
 * One warning per file whose parsed blocks left lines not understood (a truncated paste, an output
 * variant the parser does not know), so a diagnose report says so too: `parse` lists every such line.
 * Blocks no parser took, and over-long lines, have warnings of their own already.
 */
export const UNPARSED_NOTE = 'line(s) not understood, the first'

/** True for the note unparsedNotes writes (callers that list the lines themselves skip it). */
export function isUnparsedNote(d: Diagnostic): boolean {
  return d.message.includes(UNPARSED_NOTE)
}

function unparsedNotes(blocks: Block[]): Diagnostic[] {
  const byFile = new Map<string, {count: number; first: {line: number; text: string}}>()
  for (const b of blocks) {
    if (b.parser === null) continue
    for (const u of b.unparsed) {
      if (u.reason?.startsWith('line of ')) continue
      const seen = byFile.get(b.file)
      if (!seen) byFile.set(b.file, {count: 1, first: u})
      else {
        seen.count++
        if (u.line < seen.first.line) seen.first = u
      }
    }
  }
  return [...byFile].map(([file, {count, first}]) => ({
    level: 'warning', file, line: first.line,
    message: `${file}:${first.line}: ${count} ${UNPARSED_NOTE} "${first.text.trim().slice(0, 60)}" (ipsec-doctor parse lists them all)`,
  }))
}

function buildDocument(inputs: string[], results: FileResult[], diagnostics: Diagnostic[], dedupe = true): ParseDocument {
  const facts = emptyFacts()
  const devices = new Map<string, Device>()
  const allDiagnostics = [...diagnostics]
  const blocks: Block[] = []
  let lines = 0
  let looseIgnored = 0
  // The same command captured twice for a device: the later block wins (a newer capture).
  const latest = new Map<string, Block>()
  for (const r of results) for (const {block} of r.parts) if (block.command && block.facts > 0) latest.set(blockKey(block), block)
  for (const r of results) {
    lines += r.lines
    looseIgnored += r.looseIgnored
    allDiagnostics.push(...r.diagnostics)
    for (const {block: b, facts: produced} of r.parts) {
      blocks.push(b)
      const dev = devices.get(b.device) ?? {name: b.device, vendor: null, platform: null, files: [], captureTime: null}
      dev.vendor ??= b.vendor
      dev.platform ??= platformOf(b.parser)
      if (!dev.files.includes(b.file)) dev.files.push(b.file)
      devices.set(b.device, dev)
      const winner = b.command && b.facts > 0 ? latest.get(blockKey(b)) : undefined
      if (dedupe && winner && winner !== b) {
        allDiagnostics.push({level: 'warning', file: b.file, line: b.startLine, message: `${b.file}:${b.startLine}: "${b.command}" for ${b.device} appears again at ${winner.file}:${winner.startLine}; the later output is used`})
        continue
      }
      for (const f of produced) (facts[f.kind as FactKind] as Fact[]).push(f)
    }
  }
  if (dedupe) allDiagnostics.push(...mergeViewCopies(facts))
  allDiagnostics.push(...dropSessionFlowCopies(facts), ...dropBriefSessionCopies(facts), ...unparsedNotes(blocks))
  // the platform a device's show version names (its software line or model) beats one guessed from parsers
  for (const d of facts.deviceInfo) {
    const dev = devices.get(d.source.device)
    if (dev && d.platform !== null) dev.platform = d.platform
  }
  for (const t of facts.captureTime) {
    const dev = devices.get(t.source.device)
    if (dev && (dev.captureTime === null || t.time > dev.captureTime)) dev.captureTime = t.time
  }
  joinRelayHosts(facts.logEvent, new Set(blocks.filter((b) => b.commandRaw !== null).map((b) => b.device)))
  allDiagnostics.push(...turnQuotedPeerLogs(facts))
  resolveLogYears(facts.logEvent, [...devices.values()])
  const factCount = Object.values(facts).reduce((n, l) => n + (l as unknown[]).length, 0)
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'ipsec-doctor', version: VERSION},
    inputs,
    devices: [...devices.values()],
    facts,
    blocks,
    diagnostics: allDiagnostics,
    summary: {
      files: results.length,
      lines,
      blocks: blocks.length,
      facts: factCount,
      unparsedLines: blocks.reduce((n, b) => n + b.unparsed.length, 0),
      ignoredOutsideBlocks: looseIgnored,
    },
  }
}

export type {Vendor}
