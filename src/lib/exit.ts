/** Exit codes shared by the commands: 0 ok, 1 findings/strict failures, 2 unusable input or usage. */
import type {ParseDocument} from '../model/index.js'

export const EXIT_OK = 0
export const EXIT_FINDINGS = 1
export const EXIT_UNUSABLE = 2

/** True when no input produced any block with content: nothing could be read at all. */
export function nothingUsable(doc: ParseDocument): boolean {
  return doc.blocks.length === 0
}

export function exitCodeForParse(doc: ParseDocument, strict: boolean): number {
  if (nothingUsable(doc)) return EXIT_UNUSABLE
  if (doc.diagnostics.some((d) => d.level === 'error')) return EXIT_UNUSABLE
  if (strict && doc.summary.unparsedLines > 0) return EXIT_FINDINGS
  return EXIT_OK
}
