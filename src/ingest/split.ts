/**
 * Streaming splitter: cleaned lines in, command blocks out. A block starts at a prompt line with a
 * command ("R1#sh cry isa sa", "user@srx> show ike sa"), at a bare command line pasted without a
 * prompt, or at the first content line of a paste with neither (a headless block whose command is
 * detected from content later). Banners, pager residue and notes are counted as ignored; log lines
 * become log blocks, or, inside another command's output, the block's interleaved log lines.
 */
import type {Vendor} from '../model/index.js'
import type {Line} from '../parsers/types.js'
import {normalizePaste, wasIndented} from '../reading/paste.js'
import {classify, clusterNode} from './clean.js'
import {bareCommand, isDeviceError, leadInCommand, parsePrompt} from './prompt.js'
import {continuesLogLine, isDebugContinuation, isInterleavedLogLine, isLogLine, isTunnelEventLine, mayBeLogLine} from '../parsers/log/index.js'
import {isLogCommand} from './log-block.js'

/** Console messages read per command output; past this many they are counted, not read. */
export const MAX_INTERLEAVED = 20_000

export interface RawBlock {
  startLine: number
  endLine: number
  /** Device and vendor from the prompt, when there was one. */
  device: string | null
  /** True when `device` was carried over from an earlier prompt (a bare command or a trimmed prompt). */
  inherited: boolean
  vendor: Vendor | null
  /** Command as typed (with pipe), null for a headless paste. */
  typed: string | null
  detectedBy: 'prompt' | 'content'
  /** Lines handed to the parser: content and blank lines, in order. */
  body: Line[]
  /** Lines the splitter itself accounted as ignored (prompt-only lines, syslog, banners, notes). */
  ignored: number
  /** Lines the splitter consumed (the command line). */
  consumed: number
  /** Lines longer than MAX_LINE_LENGTH: never handed to a parser, reported as unparsed. */
  tooLong: Line[]
  /** Whether the body holds a Junos chassis-cluster "node0:" header (noted while splitting, so dispatch need not scan). */
  hasNodeHeader: boolean
  /** Whether the body holds a line that is not blank. */
  hasContent: boolean
  /** Log lines (a log command's output, or log lines pasted without a command): dispatched to the log reader. */
  log: boolean
  /** Log lines that landed inside this (non-log) command's output: read by the log reader apart from the body. */
  interleaved: Line[]
  /** Console messages inside the output past the first MAX_INTERLEAVED: counted as ignored, not read (a flood). */
  interleavedSetAside: {count: number; first: number; last: number} | null
  /** The device's error answer to the command ("% Invalid input detected at '^' marker."), if any. */
  deviceError: string | null
  /**
   * Where a code fence opened after the block had content: indexes into `body` of the first line after
   * each. An author may paste the next output, without its prompt, in the next fence (dispatch.ts).
   */
  fenceBreaks: number[]
  /**
   * The output ended at the device's next prompt or typed command, so nothing of it was cut at its
   * end: a listing it ends with ("Interfaces using crypto map X:" and no interface) is whole.
   */
  endedByPrompt: boolean
}

/**
 * No show output line comes near this; longer lines are pasted garbage. Keeping them from the parsers
 * also bounds the cost of every pattern (test/regex-safety.test.ts counts on it).
 */
export const MAX_LINE_LENGTH = 4096

export class Splitter {
  private current: RawBlock | null = null
  private pendingIgnored = 0
  private pendingStart = 0
  private lastDevice: string | null = null
  private lastVendor: Vendor | null = null
  /** Inside a Markdown code fence (fences open and close in turn). */
  private inFence = false
  /** The console message set aside last, while the next line may continue it (lines of one message stay together). */
  private setAside: Line | null = null
  /** Lines that ended up in no block (a file of blanks, syslog or bare prompts only). */
  looseIgnored = 0

  constructor(private readonly emit: (block: RawBlock) => void) {}

  push(line: Line): void {
    if (line.text.length > MAX_LINE_LENGTH) {
      this.current ??= this.newBlock(line.n, null, this.lastDevice, this.lastVendor, 'content')
      this.current.tooLong.push(line)
      this.current.endLine = line.n
      return
    }
    const pasted = normalizePaste(line.text)
    if (pasted.kind === 'fence') {
      this.inFence = !this.inFence
      if (this.inFence && this.current !== null && this.current.hasContent && !this.current.log) this.current.fenceBreaks.push(this.current.body.length)
      return this.ignore(line)
    }
    if (pasted.kind === 'note') return this.ignore(line)
    // the line as captured becomes the line as parsers read it (streamLines made it with every field)
    if (line.text !== pasted.text) {
      line.original = line.text
      line.text = pasted.text
    }
    line.note = pasted.note
    const kind = classify(line.text)
    // the lines that continue a console message set aside from a show output (an IKEv2 packet dump, an
    // IOS debug second line) follow it, or they would be read as lines of the output around them
    const prev = this.setAside
    this.setAside = null
    if (prev !== null && kind === 'content' && continuesLogLine(prev.text, line) && this.interleave(line)) {
      this.setAside = prev
      return
    }
    if (kind === 'syslog' && (this.takeLog(line) || this.interleave(line))) return
    if (kind !== 'content' && kind !== 'blank') return this.ignore(line)
    if (kind === 'content') {
      const prompt = parsePrompt(line.text)
      if (prompt) {
        if (prompt.device !== null) {
          this.lastDevice = prompt.device
          this.lastVendor = prompt.vendor
        }
        // a prompt with nothing typed ends the output before it: what follows is not that command's
        // (console debug after "R1#", the next paste)
        if (prompt.command === '') {
          if (this.current !== null && !this.current.log) {
            this.current.endedByPrompt = true
            this.close()
          }
          return this.ignore(line)
        }
        return this.open(line, prompt.command, prompt.device ?? this.lastDevice, prompt.vendor ?? this.lastVendor, prompt.device === null)
      }
      const bare = bareCommand(line.text) ?? leadInCommand(line.text)
      if (bare !== null) return this.open(line, bare, this.lastDevice, this.lastVendor, true)
      if (this.current !== null && this.current.typed !== null && isDeviceError(line.text)) {
        this.current.deviceError ??= line.text
        return this.ignore(line)
      }
      if (this.logContent(line)) return
      if (this.current !== null && !this.current.log && mayBeLogLine(line.text) && isInterleavedLogLine(line.text) && this.interleave(line)) return
      if (this.ikeTunnelEvent(line.text) && this.interleave(line)) return
      this.current ??= this.newBlock(line.n, null, this.lastDevice, this.lastVendor, 'content')
      this.current.hasContent = true
      if (line.text.startsWith('node') && clusterNode(line.text) !== null) this.current.hasNodeHeader = true
    } else if (this.current === null) return this.ignore(line)
    this.current.body.push(line)
    this.current.endLine = line.n
  }

  end(): void {
    this.close()
    this.looseIgnored += this.pendingIgnored
    this.pendingIgnored = 0
  }

  private ignore(line: Line): void {
    if (this.current) {
      this.current.ignored++
      this.current.endLine = line.n
    } else {
      if (this.pendingIgnored === 0) this.pendingStart = line.n
      this.pendingIgnored++
    }
  }

  private open(line: Line, typed: string, device: string | null, vendor: Vendor | null, inherited = false): void {
    // log lines pasted before the first prompt belong to the device of that prompt
    if (this.current?.log && this.current.typed === null && this.current.device === null && device !== null) {
      this.current.device = device
      this.current.vendor ??= vendor
    }
    if (this.current) this.current.endedByPrompt = true
    this.close()
    this.current = this.newBlock(line.n, typed, device, vendor, 'prompt')
    this.current.inherited = inherited
    this.current.consumed = 1
    this.current.log = isLogCommand(typed)
  }

  private newBlock(n: number, typed: string | null, device: string | null, vendor: Vendor | null, by: RawBlock['detectedBy']): RawBlock {
    const start = this.pendingIgnored > 0 ? this.pendingStart : n
    const block: RawBlock = {startLine: start, endLine: n, device, inherited: device !== null, vendor, typed, detectedBy: by, body: [], ignored: this.pendingIgnored, consumed: 0, tooLong: [], hasNodeHeader: false, hasContent: false, log: false, interleaved: [], interleavedSetAside: null, deviceError: null, fenceBreaks: [], endedByPrompt: false}
    this.pendingIgnored = 0
    return block
  }

  /**
   * A log line goes to a log block: the open one, or a new one when no command output is open. Inside
   * another command's output it is not taken (that output's block stays whole; the line is ignored).
   */
  private takeLog(line: Line): boolean {
    const cur = this.current
    if (cur !== null && !cur.log && (cur.typed !== null || cur.hasContent)) return false
    const block = cur ?? (this.current = this.newBlock(line.n, null, this.lastDevice, this.lastVendor, 'content'))
    block.log = true
    block.hasContent = true
    block.body.push(line)
    block.endLine = line.n
    return true
  }

  /**
   * A log line inside another command's output (a console message in a show paste): set apart from the
   * body, so the parser sees its output whole, and read by the log reader as a fact of its own.
   */
  private interleave(line: Line): boolean {
    const cur = this.current
    if (cur === null || cur.log) return false
    cur.endLine = line.n
    if (cur.interleaved.length < MAX_INTERLEAVED) {
      cur.interleaved.push(line)
      this.setAside = line
      return true
    }
    // a flood of console messages (terminal monitor left on): the first ones are read and folded into
    // facts; the rest are counted and reported, so memory follows the facts, not the flood
    cur.ignored++
    if (cur.interleavedSetAside) {
      cur.interleavedSetAside.count++
      cur.interleavedSetAside.last = line.n
    } else cur.interleavedSetAside = {count: 1, first: line.n, last: line.n}
    return true
  }

  /**
   * SRX "Tunnel events" in an IKE detail output (show security ike security-associations detail): the
   * IKE reader has no place for them, the log reader reads them (the IPsec detail reader keeps its own).
   */
  private ikeTunnelEvent(text: string): boolean {
    const typed = this.current?.typed
    if (!typed || (text !== 'Tunnel events:' && !isTunnelEventLine(text))) return false
    // "show security ike security-associations detail", "show security ike sa 203.0.113.9 detail"
    return /^\s*sh\S*\s+sec\S*\s+ike\s/i.test(typed)
  }

  /** Content lines of log blocks: debug output, ASA debug, tunnel events, continuation lines; a show output pasted after headless log lines starts its own block. */
  private logContent(line: Line): boolean {
    const cur = this.current
    if (cur !== null && cur.log) {
      if (cur.typed !== null || isLogLine(line.text) || line.text === 'Tunnel events:' || wasIndented(line) || isDebugContinuation(line.text) || continuesLastMessage(cur.body, line)) return this.takeLog(line)
      this.close()
      return false
    }
    if (cur !== null && (cur.typed !== null || cur.hasContent)) return false
    return (isLogLine(line.text) || line.text === 'Tunnel events:') && this.takeLog(line)
  }

  private close(): void {
    if (this.current) this.emit(this.current)
    this.current = null
  }
}

/** Lines a log message may span: past these, a line is not looked back over for the message it continues. */
const MESSAGE_SPAN = 12

/**
 * True when `line` continues the last message of a log block's lines (an ID payload dump pasted without
 * its indentation under "ISAKMP (0:0): ID payload"): its first line is the last log line, at most
 * MESSAGE_SPAN lines up.
 */
function continuesLastMessage(body: Line[], line: Line): boolean {
  for (let i = body.length - 1; i >= 0 && i >= body.length - MESSAGE_SPAN; i--) {
    if (isLogLine(body[i].text)) return continuesLogLine(body[i].text, line)
  }
  return false
}
