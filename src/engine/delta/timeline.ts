/**
 * Which capture is "before": `--before FILE...` names it; otherwise, when one input set holds the
 * same device in two files with different capture times, the earlier file is the before capture of
 * that device and only the latest file counts as its current state. Each file then needs a document
 * of its own (one document of all files keeps only the later output of a repeated command); both
 * come from one reading of the files (ingestFilesEach).
 */
import {resolve} from 'node:path'
import type {Diagnostic, ParseDocument} from '../../model/index.js'
import type {DeviceFacts} from '../device-index.js'
import {ingestFiles, ingestFilesEach, ingestText, mergeDocuments, type IngestOptions} from '../../ingest/index.js'
import {resolveInputs} from '../../ingest/read.js'

export interface Captures {
  doc: ParseDocument
  before?: ParseDocument
  /** Devices split into before/current by capture time. */
  split?: string[]
}

function keepDevices(doc: ParseDocument, keep: (device: string) => boolean): ParseDocument {
  const facts = Object.fromEntries(
    Object.entries(doc.facts).map(([k, list]) => [k, (list as Array<{source: {device: string}}>).filter((f) => keep(f.source.device))]),
  ) as ParseDocument['facts']
  return {...doc, facts, blocks: doc.blocks.filter((b) => keep(b.device)), devices: doc.devices.filter((d) => keep(d.name))}
}

function timeOf(doc: ParseDocument, device: string): number | null {
  const times = doc.facts.captureTime.filter((t) => t.source.device === device).map((t) => Date.parse(t.time)).filter((ms) => !Number.isNaN(ms))
  const fromDevice = doc.devices.find((d) => d.name === device)?.captureTime
  if (fromDevice && !Number.isNaN(Date.parse(fromDevice))) times.push(Date.parse(fromDevice))
  return times.length > 0 ? Math.max(...times) : null
}

/**
 * Splits per-file documents: devices seen in several files at different capture times keep their
 * latest file in `doc`, and the file just before it becomes `before`. Returns no `before` when no
 * device was captured twice.
 */
export function splitTimeline(perFile: ParseDocument[], merged?: ParseDocument): Captures | null {
  const seen = new Map<string, Array<{index: number; ms: number}>>()
  perFile.forEach((doc, index) => {
    for (const d of doc.devices) {
      const ms = timeOf(doc, d.name)
      if (ms === null) continue
      seen.set(d.name, [...(seen.get(d.name) ?? []), {index, ms}])
    }
  })
  const latest = new Map<string, number>()
  const previous = new Map<string, number>()
  for (const [device, list] of seen) {
    const sorted = [...list].sort((a, b) => a.ms - b.ms)
    if (sorted.length < 2 || sorted[sorted.length - 1].ms === sorted[sorted.length - 2].ms) continue
    latest.set(device, sorted[sorted.length - 1].index)
    previous.set(device, sorted[sorted.length - 2].index)
  }
  if (latest.size === 0) return null
  // Devices not split keep the merged document's facts (a repeated command there: the later output).
  const current = merged
    ? [keepDevices(merged, (dev) => !latest.has(dev)), ...perFile.map((doc, i) => keepDevices(doc, (dev) => latest.get(dev) === i))]
    : perFile.map((doc, i) => keepDevices(doc, (dev) => !latest.has(dev) || latest.get(dev) === i))
  const before = perFile
    .map((doc, i) => keepDevices(doc, (dev) => previous.get(dev) === i))
    .filter((d) => d.devices.length > 0)
  return {doc: mergeDocuments(current.filter((d) => d.devices.length > 0)), before: mergeDocuments(before), split: [...latest.keys()]}
}

/**
 * A warning per device whose --before capture holds a time that is not earlier than the current
 * capture's: the two-capture checks skip such a pair (rounded to the second, as they do), and the
 * user should know why they stayed silent.
 */
async function notEarlier(doc: ParseDocument, before: ParseDocument): Promise<Diagnostic[]> {
  // the delta builders load only with a before capture
  const {pairDevices} = await import('./index.js')
  const names = (d: ParseDocument) => new Map(d.devices.map((dev) => [dev.name, {} as DeviceFacts]))
  const out: Diagnostic[] = []
  for (const [now, was] of pairDevices(names(doc), names(before))) {
    const t2 = timeOf(doc, now)
    const t1 = timeOf(before, was)
    if (t1 === null || t2 === null || Math.round((t2 - t1) / 1000) > 0) continue
    const file = before.devices.find((d) => d.name === was)?.files[0] ?? before.inputs[0] ?? '--before'
    out.push({
      level: 'warning', file, line: null,
      message: `${file}: the --before capture of ${was} (${new Date(t1).toISOString()}) is not earlier than the current capture of ${now} (${new Date(t2).toISOString()}); the two-capture checks (delta-*) skip it`,
    })
  }
  return out
}

/** One file holding two snapshots of a device (snapshots.ts): its earlier part is that device's before capture. */
async function splitSnapshots(doc: ParseDocument, opts: IngestOptions): Promise<Captures | null> {
  const {findSnapshot, laterSnapshot, earlierText} = await import('./snapshots.js')
  const snap = findSnapshot(doc)
  const text = snap ? await earlierText(snap) : null
  if (!snap || text === null) return null
  const earlier = await ingestText(text, {...opts, file: snap.file})
  const before = keepDevices(earlier, (dev) => dev === snap.device)
  const t1 = timeOf(before, snap.device)
  const t2 = timeOf(doc, snap.device)
  // two parts of one capture time (the clock printed twice in a second) are not two captures
  if (t1 === null || t2 === null || Math.round((t2 - t1) / 1000) <= 0) return null
  return {doc: laterSnapshot(doc, snap), before, split: [snap.device]}
}

/**
 * Ingests the inputs and the optional before inputs. Without --before, a device captured in two
 * files at different times is split into before/current (splitTimeline).
 */
export async function loadCaptures(inputs: string[], beforeInputs: string[] | undefined, opts: IngestOptions = {}): Promise<Captures> {
  if (beforeInputs && beforeInputs.length > 0) {
    // A before file also matched by the inputs (a folder holding before.txt and after.txt) is only "before".
    const beforeFiles = new Set((await resolveInputs(beforeInputs)).files.map((f) => resolve(f)))
    const {files} = await resolveInputs(inputs)
    const rest = files.filter((f) => !beforeFiles.has(resolve(f)))
    const doc = await ingestFiles(rest.length === files.length ? inputs : rest, opts)
    const before = await ingestFiles(beforeInputs, opts)
    doc.diagnostics.push(...(await notEarlier(doc, before)))
    return {doc, before}
  }
  // each file is read once: its own document is built from the same reading when a device spans files
  const {doc, files, perFile} = await ingestFilesEach(inputs, opts)
  if (!doc.devices.some((d) => d.files.length > 1)) return (await splitSnapshots(doc, opts)) ?? {doc}
  if (files.length < 2 || files.includes('-')) return {doc}
  const split = splitTimeline(perFile(), doc)
  if (!split) return {doc}
  const splitDevices = split.split ?? []
  // Diagnostics of files whose device moved to "before" stay visible, without the "later output is
  // used" notes: 'a.txt:3: "show clock" for R1 appears again at b.txt:1; the later output is used'
  split.doc.diagnostics = doc.diagnostics.filter((d) => !(/appears again at/.test(d.message) && splitDevices.some((dev) => d.message.includes(`for ${dev} appears again`))))
  return split
}
