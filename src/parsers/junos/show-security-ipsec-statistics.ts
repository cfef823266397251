/**
 * SRX `show security ipsec statistics [index N]`: ESP and AH byte/packet counters and the error
 * counters -> one ipsecStats fact (device-wide, or of tunnel N when `index N` was given or an
 * "Index: N" header is printed). MX `show services ipsec-vpn ipsec statistics` prints the same
 * counters per "PIC: ms-1/0/0, Service set: ss1" section: one fact per service set. Every counter is also kept in `counters` as "Section/Label".
 */
import type {IpsecStats} from '../../model/index.js'
import {LineAccount, toInt} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {splitFields} from './fields.js'
import {cutShort, finishAccount} from './finish.js'
import {extend, nodePrefix} from './srx-common.js'
import {newRaw, rawSet} from '../../model/raw.js'

type CounterField = Exclude<keyof IpsecStats, 'kind' | 'id' | 'source' | 'raw' | 'tunnelIndex' | 'counters' | 'node' | 'masked' | 'partial'>

/** "section|label" (lower-case) -> model field; the section is "" for the Errors block. */
const FIELDS: Record<string, CounterField> = {
  'esp|encrypted bytes': 'encryptedBytes',
  'esp|decrypted bytes': 'decryptedBytes',
  'esp|encrypted packets': 'encryptedPackets',
  'esp|decrypted packets': 'decryptedPackets',
  'ah|input bytes': 'ahInBytes',
  'ah|output bytes': 'ahOutBytes',
  'ah|input packets': 'ahInPackets',
  'ah|output packets': 'ahOutPackets',
  '|ah authentication failures': 'ahAuthFailures',
  '|replay errors': 'replayErrors',
  '|esp authentication failures': 'authFailures',
  '|esp decryption failures': 'decryptFailures',
  '|bad headers': 'badHeaders',
  '|bad trailers': 'badTrailers',
  '|invalid spi': 'invalidSpi',
  '|ts check fail': 'tsCheckFail',
  '|exceeds tunnel mtu': 'exceedsMtu',
  '|discarded': 'discarded',
}

function newStats(ctx: ParseContext, tunnelIndex: number | null, line: number): IpsecStats {
  return {
    kind: 'ipsecStats', id: `ipsec-stats:${nodePrefix(ctx)}${tunnelIndex ?? 'all'}`, source: sourceOf(ctx, line, line), raw: newRaw(),
    tunnelIndex, encryptedBytes: null, encryptedPackets: null, decryptedBytes: null, decryptedPackets: null,
    ahInBytes: null, ahOutBytes: null, ahInPackets: null, ahOutPackets: null, replayErrors: null, authFailures: null,
    ahAuthFailures: null, decryptFailures: null, badHeaders: null, badTrailers: null, invalidSpi: null, tsCheckFail: null,
    exceedsMtu: null, discarded: null, counters: {}, node: ctx.node,
  }
}

function indexFromArgs(args: string[]): number | null {
  const i = args.findIndex((a) => a === 'index')
  return i >= 0 ? toInt(args[i + 1]) : null
}

export const showSecurityIpsecStatistics: ParserSpec = {
  id: 'junos/show-security-ipsec-statistics',
  vendor: 'junos',
  command: 'show security ipsec statistics',
  aliases: ['show security ipsec stats'],
  detect(lines: Line[]): number {
    const head = lines.slice(0, 30).map((l) => l.text)
    // "ESP Statistics:" and "  Encrypted bytes:           536408"
    const esp = head.some((t) => /^\s*ESP Statistics:\s*$/.test(t))
    const enc = head.some((t) => /^\s*Encrypted bytes:\s*\d+/.test(t))
    return esp && enc ? 0.95 : esp ? 0.6 : 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    let stats: IpsecStats | null = null
    let section = ''
    let sectionLabel = 'Errors'
    const pending = indexFromArgs(ctx.args)
    const records: IpsecStats[] = []
    const finish = () => {
      if (stats) records.push(stats)
      stats = null
    }
    for (const line of lines) {
      const text = line.text
      if (/^\s*$/.test(text) || /^\s*(node\d+:|-{5,})\s*$/.test(text)) {
        acct.ignore(line)
        continue
      }
      // "Index: 131073" / "ID: 131073" (per-tunnel output of some releases)
      const idx = /^\s*(?:Index|ID):\s*(\d+)\s*$/.exec(text)
      if (idx) {
        finish()
        stats = newStats(ctx, Number(idx[1]), line.n)
        rawSet(stats.raw, 'Index', idx[1], line)
        acct.consume(line)
        continue
      }
      // MX services: "PIC: ms-1/0/0, Service set: ss-cust7" heads the counters of one service set
      const pic = /^PIC: ([^,\s]+), Service set: (\S+)$/.exec(text)
      if (pic) {
        finish()
        stats = newStats(ctx, pending, line.n)
        stats.id = `ipsec-stats:${nodePrefix(ctx)}${pic[2]}`
        rawSet(stats.raw, 'PIC', pic[1], line)
        rawSet(stats.raw, 'Service set', pic[2], line)
        acct.consume(line)
        continue
      }
      // "ESP Statistics:" / "AH Statistics:" / "Errors:"
      const sec = /^\s*(ESP Statistics|AH Statistics|Errors):\s*$/.exec(text)
      if (sec) {
        if (!stats) stats = newStats(ctx, pending, line.n)
        sectionLabel = sec[1]
        section = sec[1].startsWith('ESP') ? 'esp' : sec[1].startsWith('AH') ? 'ah' : ''
        extend(stats, line)
        // a section header: its counters are on the lines below
        acct.ignore(line)
        continue
      }
      const pairs = splitFields(text)
      // "  AH authentication failures: 0, Replay errors: 0"
      if (pairs.length === 0 || pairs.some((p) => toInt(p.value) === null)) {
        acct.reject(line, 'not a "Counter: number" line')
        continue
      }
      if (!stats) stats = newStats(ctx, pending, line.n)
      const st: IpsecStats = stats
      for (const p of pairs) {
        const label = p.label
        const value = toInt(p.value)!
        st.counters[`${sectionLabel}/${label}`] = value
        rawSet(st.raw, `${sectionLabel}/${label}`, p.value, line)
        const field = FIELDS[`${section}|${label.toLowerCase()}`]
        if (field) st[field] = value
      }
      extend(st, line)
      acct.consume(line)
    }
    finish()
    records.forEach((r, i) => {
      // the output ends in the last record: cut when it lacks a counter the one before printed, or the
      // "Discarded" counter every complete record ends with
      const mine = new Set(r.raw.labels.map((k) => k.toLowerCase()))
      const previous = i > 0 ? new Set(records[i - 1].raw.labels.map((k) => k.toLowerCase())) : null
      // (MX services print no SRX-only counters: their errors end with "Bad headers: 0, Bad trailers: 0")
      const last = mine.has('service set') ? 'errors/bad trailers' : 'errors/discarded'
      if (i === records.length - 1 && cutShort(mine, previous, [last])) r.partial = true
      acct.add(r)
    })
    return finishAccount(acct, ctx)
  },
}
