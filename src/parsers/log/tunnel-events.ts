/**
 * SRX "Tunnel events" a show parser kept among a flow's raw values (show security ipsec
 * security-associations detail), read as logEvent facts beside the flow.
 */
import type {LogEvent, RawValues} from '../../model/index.js'
import {rawFromFields, rawGet} from '../../model/raw.js'
import {readTunnelEvent} from './junos.js'
import {resolveTime, splitPrefix} from './prefix.js'

/** A fact that carries SRX tunnel events among its raw values ("Tunnel event 1" ...: an IPsec flow of a detail output). */
interface WithTunnelEvents {
  raw: RawValues
  source: LogEvent['source']
  remoteAddress?: string | null
  localAddress?: string | null
}

const TUNNEL_EVENT_LABEL = /^Tunnel event \d+$/

/**
 * The SRX "Tunnel events" a show parser kept as raw values, read as log events (ingest adds them to the
 * document beside the flow, src/ingest/log-block.ts). The peer is the flow's.
 */
export function tunnelEventsOf(holders: readonly WithTunnelEvents[]): LogEvent[] {
  const out: LogEvent[] = []
  for (const h of holders) {
    for (const label of h.raw.labels) {
      if (!label.startsWith('Tunnel event ') || !TUNNEL_EVENT_LABEL.test(label)) continue
      const {value, line} = rawGet(h.raw, label)!
      const p = splitPrefix(value)
      if (!p.tunnelEvent) continue
      const {c, times} = readTunnelEvent(p.body)
      const {time, yearless} = resolveTime(p, null)
      out.push({
        kind: 'logEvent', id: `tunnel-event:${h.source.startLine}:${line}`, source: {...h.source, startLine: line, endLine: line}, raw: rawFromFields({message: {value, line}}),
        family: 'srx-tunnel-event', messageId: null, level: null, host: null, time, timeRaw: p.timeRaw, yearless, clockUnsynced: false, sequence: null,
        event: c.event, phase: c.phase, peer: h.remoteAddress ?? null, localAddress: h.localAddress ?? null, remotePort: null, attribute: null, received: null,
        configured: null, spi: null, localProxy: null, remoteProxy: null, reason: c.reason, tunnelGroup: null, verified: c.verified, count: times,
        firstTime: time, lastTime: time, lines: [line], text: p.body.replace(/\s*\(\d+ times?\)\s*$/, ''),
      })
    }
  }
  return out
}
