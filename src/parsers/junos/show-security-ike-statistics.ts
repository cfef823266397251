/**
 * SRX `show security ike statistics`: per-peer blocks ("IKE peer X" with cookies, Local/Remote, SA and
 * rekey counts, traffic, delete payload, DPD and invalid-SPI sections) -> one ikeStats per peer; output
 * without peer blocks (device-wide counters under section headers) -> one ikeStats with remoteAddress
 * null. Counters the model has no field for go to `counters` as "Section/Label".
 */
import type {DpdStats, IkeStats} from '../../model/index.js'
import {LineAccount, toInt} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {addressPort} from '../../reading/address.js'
import {splitFields} from './fields.js'
import {cutShort, finishAccount} from './finish.js'
import {extend, nodePrefix} from './srx-common.js'
import {newRaw, rawSet} from '../../model/raw.js'

function newStats(ctx: ParseContext, remote: string | null, line: number): IkeStats {
  return {
    kind: 'ikeStats', id: `ike-stats:${nodePrefix(ctx)}${remote ?? 'all'}`, source: sourceOf(ctx, line, line), raw: newRaw(),
    remoteAddress: remote, localAddress: null, initiatorCookie: null, responderCookie: null, ipsecSasCreated: null,
    ipsecSasDeleted: null, rekeys: null, inBytes: null, outBytes: null, inPackets: null, outPackets: null,
    deletesReceived: null, deletesSent: null, dpd: null, invalidSpiReceived: null, invalidSpiSent: null, counters: {},
  }
}

function dpdOf(st: IkeStats): DpdStats {
  st.dpd ??= {requestsReceived: null, requestsSent: null, acksReceived: null, acksSent: null, acksMissed: null, worstAckDelayMs: null}
  return st.dpd
}

/** "1232" or "0 msec" -> number; null when the value is not a counter. */
function counter(value: string): number | null {
  // "0 msec"
  const m = /^(\d[\d,]*)(?: ?msec)?$/.exec(value)
  return m ? toInt(m[1]) : null
}

/** Stores a counter in its model field; false when the model has none. */
function mapCounter(st: IkeStats, section: string, label: string, v: number): boolean {
  const s = section.toLowerCase()
  // "R-U-THERE ACK notifications sent" (older spelling) -> "r-u-there-ack notifications sent"
  const l = label.toLowerCase().replace(/r-u-there ack/g, 'r-u-there-ack')
  if (s.startsWith('traffic')) {
    if (l === 'input bytes') st.inBytes = v
    else if (l === 'output bytes') st.outBytes = v
    else if (l === 'input packets') st.inPackets = v
    else if (l === 'output packets') st.outPackets = v
    else return false
    return true
  }
  if (s.startsWith('dpd')) {
    const d = dpdOf(st)
    if (l === 'r-u-there notifications received') d.requestsReceived = v
    else if (l === 'r-u-there notifications sent') d.requestsSent = v
    else if (l === 'r-u-there-ack notifications received') d.acksReceived = v
    else if (l === 'r-u-there-ack notifications sent') d.acksSent = v
    else if (l === 'r-u-there-ack notifications missed') d.acksMissed = v
    else if (l === 'worst case r-u-there-ack delay') d.worstAckDelayMs = v
    else return false
    return true
  }
  if (s.startsWith('invalid spi')) {
    if (l === 'notifications received') st.invalidSpiReceived = v
    else if (l === 'notifications sent') st.invalidSpiSent = v
    else return false
    return true
  }
  if (l === 'delete ipsec sa payloads received') st.deletesReceived = v
  else if (l === 'delete ipsec sa payloads sent') st.deletesSent = v
  else if (l === 'ipsec tunnel rekeys') st.rekeys = v
  else return false
  return true
}

export const showSecurityIkeStatistics: ParserSpec = {
  id: 'junos/show-security-ike-statistics',
  vendor: 'junos',
  command: 'show security ike statistics',
  aliases: ['show security ike stats'],
  detect(lines: Line[]): number {
    const head = lines.slice(0, 40).map((l) => l.text)
    // "  DPD statistics:" / "  Invalid SPI notification statistics:" / "IKE statistics:"
    const dpd = head.some((t) => /^\s*(DPD statistics|Invalid SPI notification statistics):\s*$/.test(t))
    const global = head.some((t) => /^\s*IKE statistics\s*:\s*$/i.test(t))
    return dpd ? 0.7 : global ? 0.8 : 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    let st: IkeStats | null = null
    let section = ''
    /** Lower-cased "section/label" keys read per record (the last record is partial when it lacks some). */
    const labels = new Map<IkeStats, Set<string>>()
    const records: IkeStats[] = []
    const finish = () => {
      if (st) records.push(st)
      st = null
    }
    for (const line of lines) {
      const text = line.text
      if (/^\s*$/.test(text) || /^\s*(node\d+:|-{5,})\s*$/.test(text)) {
        acct.ignore(line)
        continue
      }
      // "IKE peer 11.1.0.1"
      const peer = /^IKE peer (\S+?),?$/.exec(text)
      if (peer) {
        finish()
        st = newStats(ctx, peer[1], line.n)
        rawSet(st.raw, 'IKE peer', peer[1], line)
        section = ''
        acct.consume(line)
        continue
      }
      // "  DPD statistics:" / "  Delete IPsec SA payload statistics :" / "IKE statistics:"
      const sec = /^([A-Za-z][A-Za-z0-9 ()/-]*?) ?:$/.exec(text)
      if (sec) {
        st ??= newStats(ctx, null, line.n)
        section = sec[1]
        if (!labels.has(st)) labels.set(st, new Set())
        labels.get(st)?.add(section.toLowerCase())
        extend(st, line)
        // a section header: its values are on the lines below
        acct.ignore(line)
        continue
      }
      // "   Delete IPsec SA payloads sent    :      0" -> "Delete IPsec SA payloads sent: 0"
      const pairs = splitFields(text)
      if (pairs.length === 0) {
        acct.reject(line, 'not a "Label: value" line')
        continue
      }
      st ??= newStats(ctx, null, line.n)
      const cur: IkeStats = st
      let understood = true
      if (!labels.has(cur)) labels.set(cur, new Set())
      for (const p of pairs) {
        const label = p.label
        const k = label.toLowerCase()
        labels.get(cur)?.add(`${section}/${label}`.toLowerCase())
        rawSet(cur.raw, section && !cur.remoteAddress ? `${section}/${label}` : label, p.value, line)
        if (k === 'initiator cookie') cur.initiatorCookie = p.value.toLowerCase()
        else if (k === 'responder cookie') cur.responderCookie = p.value.toLowerCase()
        else if (k === 'local') cur.localAddress = addressPort(p.value).address
        else if (k === 'remote') cur.remoteAddress ??= addressPort(p.value).address
        else if (k === 'ipsec security associations') {
          // "4 created, 0 deleted"
          const m = /(\d+) created, ?(\d+) deleted/i.exec(p.value)
          if (m) {
            cur.ipsecSasCreated = Number(m[1])
            cur.ipsecSasDeleted = Number(m[2])
          } else understood = false
        } else {
          const v = counter(p.value)
          if (v === null) understood = false
          else if (!mapCounter(cur, section, label, v)) cur.counters[section ? `${section}/${label}` : label] = v
        }
      }
      if (!understood) {
        acct.reject(line, 'value is not a counter')
        continue
      }
      extend(cur, line)
      acct.consume(line)
    }
    finish()
    records.forEach((r, i) => {
      // the output ends in the last record: cut when it lacks what the one before printed, or the
      // invalid SPI counters every complete record ends with
      const mine = labels.get(r) ?? new Set<string>()
      const previous = i > 0 ? labels.get(records[i - 1]) ?? null : null
      if (i === records.length - 1 && cutShort(mine, previous, ['invalid spi notification statistics/notifications sent'])) r.partial = true
      acct.add(r)
    })
    return finishAccount(acct, ctx)
  },
}
