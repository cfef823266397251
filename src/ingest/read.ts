/**
 * Resolves inputs (files, directories, globs, "-" for stdin) and streams their lines, cleaned, with
 * 1-based numbers. Files are read in chunks so memory follows the facts kept, not the bytes read.
 */
import {isAscii} from 'node:buffer'
import {createReadStream} from 'node:fs'
import {open, readdir, stat} from 'node:fs/promises'
import {basename, extname, join} from 'node:path'
import type {Readable} from 'node:stream'
import type {Diagnostic} from '../model/index.js'
import type {Line} from '../parsers/types.js'
import {cleanLine} from './clean.js'

/**
 * Extensions read when walking a directory (plus files without an extension). A wiki page or a ticket
 * exported as Markdown holds its outputs in code fences (src/reading/paste.ts reads them).
 */
const CAPTURE_EXTENSIONS = new Set(['.txt', '.log', '.cap', '.out', '.text', '.capture', '.show', '.md', '.markdown'])
/** Metadata that sits beside captures (expected findings, settings): skipped silently. */
const SIDE_FILES = new Set(['.json', '.yaml', '.yml'])
/** A folder's own documents, not captures: README.md, CHANGELOG.md, LICENSE.md, CONTRIBUTING.md. */
const FOLDER_DOCUMENT = /^(?:readme|changelog|license|contributing)(?:\.\w+)?$/i

export interface ResolvedInputs {
  files: string[]
  diagnostics: Diagnostic[]
}

function errorMessage(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return `${path}: no such file or directory`
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`
  if (code === 'EISDIR') return `${path}: is a directory`
  return `${path}: cannot read (${(error as Error).message})`
}

/** A Markdown report this tool wrote ("### ipsec-doctor: ..."), left in the folder it reads. */
async function isOwnReport(path: string): Promise<boolean> {
  const file = await open(path, 'r')
  try {
    const {buffer, bytesRead} = await file.read(Buffer.alloc(64), 0, 64, 0)
    return buffer.toString('utf8', 0, bytesRead).startsWith('### ipsec-doctor:')
  } finally {
    await file.close()
  }
}

async function walk(dir: string, out: string[], skipped: string[]): Promise<void> {
  const entries = await readdir(dir, {withFileTypes: true})
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const e of entries) {
    if (e.name.startsWith('.')) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) await walk(p, out, skipped)
    else if (e.isFile()) {
      const ext = extname(e.name).toLowerCase()
      if (FOLDER_DOCUMENT.test(e.name) || ((ext === '.md' || ext === '.markdown') && (await isOwnReport(p)))) continue
      if (ext === '' || CAPTURE_EXTENSIONS.has(ext)) out.push(p)
      else if (!SIDE_FILES.has(ext)) skipped.push(p)
    }
  }
}

export async function resolveInputs(inputs: string[]): Promise<ResolvedInputs> {
  const files: string[] = []
  const diagnostics: Diagnostic[] = []
  for (const input of inputs) {
    if (input === '-') {
      files.push('-')
      continue
    }
    if (/[*?[{]/.test(input)) {
      const {glob} = await import('tinyglobby')
      const matches = (await glob(input, {onlyFiles: true, dot: false})).sort()
      if (matches.length === 0) diagnostics.push({level: 'error', file: input, line: null, message: `${input}: pattern matched no file`})
      files.push(...matches)
      continue
    }
    try {
      const st = await stat(input)
      if (st.isDirectory()) {
        const found: string[] = []
        const skipped: string[] = []
        await walk(input, found, skipped)
        if (found.length === 0) diagnostics.push({level: 'error', file: input, line: null, message: `${input}: directory holds no capture files (*.txt, *.log, ...)`})
        if (skipped.length > 0) diagnostics.push({level: 'info', file: input, line: null, message: `${input}: skipped ${skipped.length} file(s) that are not captures by extension (e.g. ${basename(skipped[0])})`})
        files.push(...found)
      } else files.push(input)
    } catch (error) {
      diagnostics.push({level: 'error', file: input, line: null, message: errorMessage(input, error)})
    }
  }
  return {files, diagnostics}
}

export interface ReadOutcome {
  lines: number
  bytes: number
  /** Set when the file could not be used at all (binary, unreadable). */
  error: string | null
  invalidUtf8Lines: number[]
}

const BINARY_SAMPLE = 8192

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, BINARY_SAMPLE)
  let odd = 0
  for (let i = 0; i < n; i++) {
    const b = buf[i]
    if (b === 0) return true
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) odd++
  }
  return n > 0 && odd / n > 0.1
}

/** Bytes cleanLine removes or rewrites: control characters other than tab, LF and CR (CR is split on). */
const CONTROL_BYTES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]

/**
 * True when the chunk holds a byte cleanLine would act on. Control bytes never occur inside a UTF-8
 * multi-byte sequence, so the raw bytes tell; one native search per byte value is several times
 * faster than a character-class regex over the decoded text.
 */
function hasControlByte(buf: Buffer): boolean {
  for (const b of CONTROL_BYTES) if (buf.indexOf(b) >= 0) return true
  return false
}

/**
 * Streams the lines of one file (or stdin) to `onLine`. Line ends: CRLF, LF and lone CR. A leading
 * UTF-8 BOM is dropped. Invalid UTF-8 becomes U+FFFD and the line numbers are reported. `afterChunk`
 * is awaited after the lines of each chunk, before the next is read (ingest dispatches there the
 * blocks those lines completed, which may need parser modules loaded).
 */
export async function streamLines(path: string, onLine: (line: Line) => void, stdin: Readable = process.stdin, afterChunk?: () => Promise<void>): Promise<ReadOutcome> {
  const outcome: ReadOutcome = {lines: 0, bytes: 0, error: null, invalidUtf8Lines: []}
  const decoder = new TextDecoder('utf-8', {fatal: false, ignoreBOM: false})
  let carry = ''
  let first = true
  let pendingCr = false
  let decoderUsed = false
  const emit = (text: string) => {
    outcome.lines++
    if (text.includes('\uFFFD')) outcome.invalidUtf8Lines.push(outcome.lines)
    onLine({n: outcome.lines, text: cleanLine(text), note: null, original: undefined})
  }
  /** emit() for a line of a chunk already known to hold no U+FFFD and nothing cleanLine would change. */
  const emitPlain = (text: string) => {
    outcome.lines++
    onLine({n: outcome.lines, text, note: null, original: undefined})
  }
  /** Whether the chunk fed last held control bytes: its unfinished last line is carried into the next one. */
  let carryControl = false
  const feed = (chunk: string, ascii: boolean, control: boolean) => {
    let s = carry + chunk
    carry = ''
    if (pendingCr) {
      pendingCr = false
      if (s.startsWith('\n')) s = s.slice(1)
    }
    let start = 0
    if (!s.includes('\r')) {
      // fast path: LF only; one scan of the chunk spares most lines the per-line cleaning tests
      // (no U+FFFD in ASCII text; control bytes were looked for in the raw chunk; pager markers spell "ore")
      const plain = (ascii || !s.includes('\uFFFD')) && !control && !carryControl && !s.includes('ore')
      const out = plain ? emitPlain : emit
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
        out(s.slice(start, i))
        start = i + 1
      }
    } else {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i)
        if (c === 10 || c === 13) {
          emit(s.slice(start, i))
          if (c === 13) {
            if (i + 1 < s.length) {
              if (s.charCodeAt(i + 1) === 10) i++
            } else pendingCr = true
          }
          start = i + 1
        }
      }
    }
    carry = s.slice(start)
    // a line longer than the chunk carries on with the earlier chunk's text too
    carryControl = control || (carryControl && start === 0)
  }
  try {
    const stream = path === '-' ? stdin : createReadStream(path, {highWaterMark: 1 << 20})
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      if (first) {
        first = false
        if (looksBinary(buf)) {
          outcome.error = `${path === '-' ? '<stdin>' : path}: binary data, not a text capture`
          if (path !== '-') (stream as NodeJS.ReadableStream & {destroy(): void}).destroy()
          return outcome
        }
      }
      outcome.bytes += buf.length
      // Pure ASCII is its own Latin-1 decoding, which is cheaper. Once the decoder has seen other
      // bytes it may hold an unfinished sequence, so it keeps decoding the rest of the file.
      const ascii = !decoderUsed && isAscii(buf)
      if (!ascii) decoderUsed = true
      feed(ascii ? buf.toString('latin1') : decoder.decode(buf, {stream: true}), ascii, hasControlByte(buf))
      if (afterChunk) await afterChunk()
    }
    if (decoderUsed) feed(decoder.decode(), false, false)
    if (carry.length > 0) emit(carry)
  } catch (error) {
    outcome.error = errorMessage(path, error)
  }
  return outcome
}
