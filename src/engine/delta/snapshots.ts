/**
 * Two snapshots of one device in one file: a forum post or ticket often shows `show clock` and a
 * state output, then, minutes later, `show clock` and the same output again ("ran it again at
 * 11:44"). One document of the file keeps only the later output of a repeated command, so what
 * changed between the two (new IKE SA conn-ids, counters that did or did not move) was lost. When a
 * device's file holds two capture times and a command of that device printed both before the later
 * time and after it, the lines before the later time's block are the earlier capture of that device
 * (the before document of the delta- rules) and the facts the earlier outputs of repeated commands
 * gave leave the current document.
 */
import {readFile} from 'node:fs/promises'
import type {ParseDocument} from '../../model/index.js'

export interface Snapshot {
  device: string
  file: string
  /** First line of the block that printed the later capture time: the later snapshot starts here. */
  splitLine: number
  /** Commands of the device printed in both snapshots (the time command aside). */
  repeated: Set<string>
}

// the outputs that give a capture time: "R1#show clock", "user@srx> show system uptime"
const TIME_COMMANDS = new Set(['show clock', 'show system uptime'])

const commandOf = (b: ParseDocument['blocks'][number]) => (b.command === null ? null : `${b.command} ${b.args.join(' ')}`.trim())

/**
 * The first device of `doc` whose file holds two time outputs with an output repeated after the later
 * one, or null. (Of a repeated command the document keeps the later output only, so the times are
 * found by their blocks; the caller checks that the earlier part's time is the earlier.)
 */
export function findSnapshot(doc: ParseDocument): Snapshot | null {
  for (const device of doc.devices) {
    for (const file of device.files) {
      if (file === '-') continue
      const blocks = doc.blocks.filter((b) => b.file === file && b.device === device.name)
      const clocks = blocks.filter((b) => b.command !== null && TIME_COMMANDS.has(b.command))
      if (clocks.length < 2) continue
      const splitLine = clocks[clocks.length - 1].startLine
      const earlier = new Set(blocks.filter((b) => b.endLine < splitLine).map(commandOf))
      const repeated = new Set(
        blocks
          .filter((b) => b.startLine > splitLine && !(b.command !== null && TIME_COMMANDS.has(b.command)))
          .map(commandOf)
          .filter((c): c is string => c !== null && earlier.has(c)),
      )
      if (repeated.size > 0) return {device: device.name, file, splitLine, repeated}
    }
  }
  return null
}

/** The current document without the facts of the earlier outputs of the snapshot's repeated commands. */
export function laterSnapshot(doc: ParseDocument, s: Snapshot): ParseDocument {
  const earlierBlocks = doc.blocks.filter((b) => b.file === s.file && b.device === s.device && b.endLine < s.splitLine && b.command !== null && s.repeated.has(commandOf(b) ?? ''))
  const superseded = (f: {source: {file: string; device: string; startLine: number}}) =>
    f.source.file === s.file && f.source.device === s.device && earlierBlocks.some((b) => b.startLine <= f.source.startLine && f.source.startLine <= b.endLine)
  const facts = Object.fromEntries(Object.entries(doc.facts).map(([k, list]) => [k, (list as Array<{source: {file: string; device: string; startLine: number}}>).filter((f) => !superseded(f))])) as ParseDocument['facts']
  // the "appears again ... the later output is used" notes of this device: the earlier output is now the before capture
  const diagnostics = doc.diagnostics.filter((d) => !(d.file === s.file && /appears again at/.test(d.message) && d.message.includes(`for ${s.device} appears again`)))
  return {...doc, facts, diagnostics}
}

/** The text of the snapshot's file before its later capture time, or null when the file cannot be read again. */
export async function earlierText(s: Snapshot): Promise<string | null> {
  try {
    const text = await readFile(s.file, 'utf8')
    return text.split(/\r\n|\n|\r/).slice(0, s.splitLine - 1).join('\n') + '\n'
  } catch {
    return null
  }
}
