/** One capture line as parsers see it. */
export interface Line {
  /** 1-based line number in the capture. */
  n: number
  /** Canonical text (see paste.ts): single spaces, no indentation, no author's note. */
  text: string
  /** The author's note split off the end of the line ("<-- this one" gives "this one"), if any. */
  note?: string | null
  /** The line as captured (after terminal residue was removed), when it differs from `text`. */
  original?: string
}
