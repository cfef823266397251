/**
 * Log blocks: `show logging`, `show log kmd`, debug output, syslog exports and log lines pasted
 * without a command. The splitter marks such blocks (RawBlock.log); dispatch hands them here, and the
 * log reader (src/parsers/log) turns every line into logEvent facts or accounts it as ignored.
 */
import type {Block, IkeSa, IpsecFlow, LogEvent, ParseDocument, Vendor} from '../model/index.js'
import {dateLogEvents, readLog, tunnelEventsOf} from '../parsers/log/index.js'
import type {ParseContext} from '../parsers/types.js'
import type {RawBlock} from './split.js'
import type {DispatchResult} from './dispatch.js'

export const LOG_PARSER_ID = 'log/reader'

// "show logging", "sh log", "show log kmd", "show log messages | match kmd", "debug crypto isakmp",
// "terminal monitor", "monitor start kmd" (typed commands whose output is log lines)
const LOG_COMMAND = /^\s*(?:sh(?:o(?:w)?)?\s+log(?:g(?:i(?:n(?:g)?)?)?)?\b|debug\s+crypto\b|deb\s+cry\b|term(?:inal)?\s+mon(?:itor)?\b|monitor\s+start\b)/i

/** True when a typed command prints log lines. */
export function isLogCommand(typed: string): boolean {
  return LOG_COMMAND.test(typed)
}

function canonical(typed: string | null, vendor: Vendor | null): string {
  if (typed && /^\s*deb/i.test(typed)) return typed.trim().split('|')[0].trim().replace(/\s+/g, ' ')
  return vendor === 'junos' ? 'show log' : 'show logging'
}

/** Command of the log lines a show output held: console messages, not a log the user asked for. */
export const CONSOLE_COMMAND = 'console messages'

/**
 * `hostsName`: the lines' host fields name their devices (see addInterleaved); by default, log lines
 * pasted without a command do (a syslog export).
 */
export function dispatchLog(raw: RawBlock, file: string, fallbackDevice: string, interleaved = false, hostsName = raw.typed === null && !interleaved): DispatchResult {
  const device = raw.device ?? fallbackDevice
  const command = interleaved ? CONSOLE_COMMAND : canonical(raw.typed, raw.vendor)
  const hostIsDevice = hostsName
  const ctx: ParseContext = {file, device, vendor: raw.vendor ?? 'cisco', command, args: [], pipe: null, node: null}
  // Log lines pasted without a command (a syslog export) name their devices in the line prefixes
  const result = readLog(raw.body, ctx, {hostIsDevice})
  const facts = result.facts as LogEvent[]
  // lines without a host among an export whose lines name one host, with no prompt naming a device: that host's
  // ("<166>Nov 22 2026 23:47:31: %ASA-5-713041: ..." among "2026-11-22T23:47:10.512Z asa-dc1 : %ASA-3-713123: ...")
  if (hostIsDevice && raw.device === null) toSoleHost(facts)
  const vendors = new Set(facts.map((f) => f.source.vendor))
  const vendor: Vendor | null = raw.vendor ?? (vendors.size === 1 ? [...vendors][0] : null)
  if (raw.vendor === null && vendor) for (const f of facts) if (f.family === 'unknown') f.source.vendor = vendor
  const pipe = raw.typed && raw.typed.includes('|') ? raw.typed.slice(raw.typed.indexOf('|')).trim() : null
  const block: Block = {
    file, startLine: raw.startLine, endLine: raw.endLine, device, vendor, command, commandRaw: raw.typed, args: [], pipe,
    detectedBy: raw.typed ? 'prompt' : 'content', parser: LOG_PARSER_ID, node: null, facts: result.facts.length,
    consumedLines: result.consumed + raw.consumed, ignoredLines: result.ignored + raw.ignored, unparsed: [], warnings: [],
  }
  return {parts: [{block, facts: result.facts}], diagnostics: []}
}

function toSoleHost(facts: LogEvent[]): void {
  const hosts = new Set(facts.map((f) => f.host).filter((h) => h !== null))
  if (hosts.size === 1) for (const f of facts) if (f.host === null) f.source.device = [...hosts][0] as string
}

/**
 * The log lines a command's output held (console messages pasted inside a show output, SRX tunnel
 * events of an IKE detail output), read by the log reader for the device of the output around them and
 * added to that output's block: its facts and its line account (each line counted once, in the block
 * that spans it). Their command is "console messages": the device log was not captured (what to
 * collect next still asks for it).
 */
export function addInterleaved(raw: RawBlock, file: string, parts: DispatchResult['parts']): void {
  const lines = raw.interleaved
  const first = parts.find((p) => p.block.startLine <= lines[0].n && lines[0].n <= p.block.endLine) ?? parts[0]
  const device = first.block.device
  const sub: RawBlock = {
    ...raw, startLine: lines[0].n, endLine: lines[lines.length - 1].n, device, inherited: false, typed: null, detectedBy: 'content', body: lines,
    ignored: 0, consumed: 0, tooLong: [], hasNodeHeader: false, hasContent: true, log: true, interleaved: [], interleavedSetAside: null, deviceError: null, fenceBreaks: [],
  }
  // A line's host field ("Nov 23 08:41:17 10.10.0.1 4121: ...", "2026-11-22T23:47:10.512Z asa-dc1 : %ASA-...")
  // names the device that sent it when no prompt of its own named the output around it: a syslog or SIEM
  // export led by the author's text, not a command. Under a prompt the lines are that device's console.
  const hostsName = raw.typed === null || raw.device === null || raw.inherited
  const read = dispatchLog(sub, file, device, true, hostsName).parts[0]
  if (raw.device === null) toSoleHost(read.facts as LogEvent[])
  // SRX tunnel events under an IKE peer of a detail output: that peer's
  const peers = parts.flatMap((p) => p.facts).filter((f): f is IkeSa => f.kind === 'ikeSa').sort((a, b) => a.source.startLine - b.source.startLine)
  for (const f of read.facts as LogEvent[]) {
    if (f.family !== 'srx-tunnel-event' || f.peer !== null) continue
    const sa = peers.filter((p) => p.source.startLine < f.source.startLine).pop()
    f.peer = sa?.remoteAddress ?? null
    f.localAddress ??= sa?.localAddress ?? null
  }
  first.facts.push(...read.facts)
  first.block.facts += read.facts.length
  first.block.consumedLines += read.block.consumedLines
  first.block.ignoredLines += read.block.ignoredLines
}

/**
 * SRX "Tunnel events" of a detail output (kept by the show parser as the flow's raw values) become
 * logEvent facts of that block as well: their times, counts and events are log evidence like kmd lines.
 */
export function withTunnelEvents(parts: DispatchResult['parts']): void {
  for (const part of parts) {
    if (part.block.vendor !== 'junos') continue
    const flows = part.facts.filter((f): f is IpsecFlow => f.kind === 'ipsecFlow')
    if (flows.length === 0) continue
    const events = tunnelEventsOf(flows)
    if (events.length === 0) continue
    part.facts.push(...events)
    part.block.facts += events.length
  }
}

/** Year-less and time-only log times of devices whose capture holds a clock are dated against it (once the document is built). */
export function resolveLogYears(events: LogEvent[], devices: ParseDocument['devices']): void {
  const clock = new Map(devices.map((d) => [d.name, d.captureTime]))
  dateLogEvents(events, (device) => clock.get(device) ?? null)
}

/**
 * A syslog relay that writes the sending host as an IP on some lines and as a name on others
 * ("Nov 23 08:41:17 10.10.0.1 4121: Nov 23 08:41:16.882 UTC: %CRYPTO-4-IKMP_BAD_MESSAGE: ..." and
 * "Nov 23 08:42:19 rtr-hq-01 4127: ..."). A host that only log lines name is a device a prompt named
 * when its messages are that device's own (same sequence number, same device time, same text: the
 * device's `show logging` holds "004121: Nov 23 08:41:16.882 UTC: %CRYPTO-4-..."), that device only, and
 * no message of the host carries one of the device's sequence numbers with another text. Otherwise
 * the host stays a device of its own: nothing tells they are the same.
 */
export function joinRelayHosts(events: LogEvent[], promptDevices: ReadonlySet<string>): void {
  const key = (e: LogEvent) => `${e.sequence}\u0000${e.timeRaw}\u0000${e.text}`
  const own = new Map<string, Set<string>>()
  const textAt = new Map<string, Map<number, string>>()
  for (const e of events) {
    if (e.sequence === null || !promptDevices.has(e.source.device)) continue
    own.set(key(e), (own.get(key(e)) ?? new Set()).add(e.source.device))
    const seqs = textAt.get(e.source.device) ?? new Map<number, string>()
    seqs.set(e.sequence, e.text)
    textAt.set(e.source.device, seqs)
  }
  if (own.size === 0) return
  const byHost = new Map<string, LogEvent[]>()
  for (const e of events) {
    if (e.host === null || e.source.device !== e.host || promptDevices.has(e.host)) continue
    byHost.set(e.host, [...(byHost.get(e.host) ?? []), e])
  }
  for (const list of byHost.values()) {
    const matched = new Set<string>()
    for (const e of list) if (e.sequence !== null) for (const d of own.get(key(e)) ?? []) matched.add(d)
    if (matched.size !== 1) continue
    const device = [...matched][0]
    const seqs = textAt.get(device)!
    if (list.some((e) => e.sequence !== null && seqs.has(e.sequence) && seqs.get(e.sequence) !== e.text)) continue
    for (const e of list) e.source.device = device
  }
}
