/** The contract of a parser: pure, text lines in, facts + line account out. */
import type {Fact, Source, UnparsedLine, Vendor} from '../model/index.js'

import type {Line} from '../reading/line.js'

export type {Line}

export interface ParseContext {
  file: string
  device: string
  vendor: Vendor
  /** Canonical command of the parser that was chosen. */
  command: string
  /** Arguments after the canonical command, e.g. ["detail"], ["tag", "VPN"]. */
  args: string[]
  /** Output modifier as typed ("| include spi"), or null. Filtered output may lack headers. */
  pipe: string | null
  /** Chassis-cluster node when the splitter split the output per node. */
  node: string | null
  /**
   * The output ended at the device's next prompt (or the next cluster node's header): its last lines
   * are its last lines, not where a paste was cut. Absent when not known.
   */
  endedByPrompt?: boolean
}

export interface ParseResult {
  facts: Fact[]
  unparsed: UnparsedLine[]
  warnings: string[]
  consumed: number
  ignored: number
}

/**
 * What is known of a parser without loading its module (src/parsers/catalogue.ts): enough to match a
 * typed command to it. ParserSpec adds the code.
 */
export interface ParserInfo {
  /** e.g. "cisco/show-crypto-isakmp-sa" (usually src/parsers/<vendor>/<file>.ts; the catalogue records the module). */
  id: string
  vendor: Vendor
  /** Canonical command, full words: "show crypto isakmp sa". */
  command: string
  /** Other spellings of the same output, full words (e.g. "show crypto ikev1 sa"). */
  aliases?: string[]
  /**
   * The aliases are different views, not other spellings of one output (ASA `show running-config
   * ipsec` and `... tunnel-group`, `show crypto isakmp sa count` and `show crypto ipsec sa count`): a
   * capture of each is kept, where a command captured twice keeps only the later output.
   */
  aliasesAreViews?: boolean
}

export interface ParserSpec extends ParserInfo {
  /**
   * Score 0..1 of how sure the parser is that headless text is its output (no command line seen).
   * Look at a few distinctive header or field lines only; it runs on every headless block.
   */
  detect(lines: Line[]): number
  parse(lines: Line[], ctx: ParseContext): ParseResult
}

/** A catalogue entry: the metadata, and the import of the module that holds the parser's code. */
export interface CatalogueEntry extends ParserInfo {
  load(): Promise<ParserSpec>
}

/** Builds the provenance of a fact from the lines it came from. */
export function sourceOf(ctx: ParseContext, startLine: number, endLine: number): Source {
  return {file: ctx.file, startLine, endLine, command: ctx.command, device: ctx.device, vendor: ctx.vendor}
}
