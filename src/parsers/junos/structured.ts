/**
 * Facts from Junos `| display json` / `| display xml` captures, for the commands whose text parsers
 * live beside this file. Records use the Junos element names (ike-security-associations,
 * ike-sa-remote-address, ipsec-security-associations-block, sa-spi ...) and go through the same
 * builders as the text, so both captures of the same SAs give the same normalized facts. A fact's
 * source lines are the line range of its record in the capture.
 */
import type {IkeSa, IpsecSa} from '../../model/index.js'
import {LineAccount, raw, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult} from '../types.js'
import {applyIkeRow, ikeSaFromRow} from './ike-sa-text.js'
import {FlowSet, addTableRow, parseIdentity} from './ipsec-sa-text.js'
import {authMethodOf, dhGroupOf, expiresIn, normalizeEncryption, normalizeIntegrity} from './srx-common.js'
import {addressPort} from '../../reading/address.js'
import {finishAccount, markPartial} from './finish.js'
import {type XNode, findRecords, leaf, readTree, structuredFormat} from './structured-tree.js'
import {rawFromFields, rawHas, rawSet, rawValue} from '../../model/raw.js'

export {structuredFormat} from './structured-tree.js'

/** Leaves outside records that carry nothing the model keeps (summary counts, cluster node names). */
const ENVELOPE_LEAVES = new Set(['total-active-tunnels', 'total-ipsec-sas', 're-name', 'banner', 'total-inactive-tunnels'])

function rawOf(node: XNode): Record<string, {value: string; line: number}> {
  const out: Record<string, {value: string; line: number}> = {}
  const walk = (n: XNode) => {
    for (const c of n.children) {
      if (c.text !== null && c.children.length === 0) out[c.name] = raw(c.text, c.textLine)
      else walk(c)
    }
  }
  walk(node)
  return out
}

/** Context for a record under <multi-routing-engine-item><re-name>node1</re-name>. */
function ctxFor(ctx: ParseContext, reName: string | null): ParseContext {
  return reName && !ctx.node ? {...ctx, node: reName} : ctx
}

function ikeFacts(root: XNode, ctx: ParseContext, acct: LineAccount): XNode[] {
  const recs = [...findRecords(root, 'ike-security-associations'), ...findRecords(root, 'ike-security-associations-block')]
  for (const {node, reName} of recs) {
    const c = ctxFor(ctx, reName)
    const sa: IkeSa = ikeSaFromRow(c, {
      index: leaf(node, 'ike-sa-index'), remote: leaf(node, 'ike-sa-remote-address'), state: leaf(node, 'ike-sa-state'),
      initiatorCookie: leaf(node, 'ike-sa-initiator-cookie'), responderCookie: leaf(node, 'ike-sa-responder-cookie'),
      mode: leaf(node, 'ike-sa-exchange-type'),
    }, node.start, node.end)
    sa.raw = rawFromFields(rawOf(node))
    const all = sa.raw
    const v = (k: string) => rawValue(all, k) ?? null
    // detail elements, where the capture has them
    const role = v('ike-sa-role')?.toLowerCase()
    if (role === 'initiator' || role === 'responder') sa.role = role
    sa.authMethod = authMethodOf(v('ike-sa-authentication-method'))
    if (v('ike-sa-local-address')) sa.localAddress = addressPort(v('ike-sa-local-address')!).address
    sa.localPort = toInt(v('ike-sa-local-port'))
    sa.remotePort = toInt(v('ike-sa-remote-port'))
    if (sa.localPort !== null || sa.remotePort !== null) sa.natT = sa.localPort === 4500 || sa.remotePort === 4500
    if (v('ike-sa-lifetime')) sa.lifetimeRemainingSec = expiresIn(v('ike-sa-lifetime')!) ?? toInt(v('ike-sa-lifetime'))
    sa.integrity = normalizeIntegrity(v('ike-sa-authentication-algorithm'))
    sa.encryption = normalizeEncryption(v('ike-sa-encryption-algorithm'))
    sa.prf = normalizeIntegrity(v('ike-sa-prf-algorithm'))
    sa.dhGroup = dhGroupOf(v('ike-sa-dhgroup'))
    sa.inBytes = toInt(v('ike-sa-input-bytes'))
    sa.outBytes = toInt(v('ike-sa-output-bytes'))
    sa.inPackets = toInt(v('ike-sa-input-packets'))
    sa.outPackets = toInt(v('ike-sa-output-packets'))
    if (sa.mode === null && v('ike-sa-exchange-type')) applyIkeRow(sa, {...ikeModeNull, mode: v('ike-sa-exchange-type')})
    if (node.cut) markPartial(sa)
    acct.add(sa)
  }
  return recs.map((r) => r.node)
}

const ikeModeNull = {index: null, remote: null, state: null, initiatorCookie: null, responderCookie: null, mode: null}

function ipsecFacts(root: XNode, ctx: ParseContext, acct: LineAccount): XNode[] {
  const blocks = findRecords(root, 'ipsec-security-associations-block')
  const used: XNode[] = []
  const sets = new Map<string | null, FlowSet>()
  for (const {node: block, reName} of blocks) {
    const c = ctxFor(ctx, reName)
    let set = sets.get(c.node)
    if (!set) sets.set(c.node, (set = new FlowSet(c)))
    const blockTunnel = leaf(block, 'sa-tunnel-index')
    const cutRecords: XNode[] = []
    for (const rec of block.children.filter((x) => x.name === 'ipsec-security-associations')) {
      const dirText = leaf(rec, 'sa-direction')
      const tunnel = leaf(rec, 'sa-tunnel-index') ?? blockTunnel
      const spi = leaf(rec, 'sa-spi')
      if ((!tunnel || !spi) && rec.cut) {
        // the capture ends inside this SA, before its SPI: what it printed stays with its tunnel
        cutRecords.push(rec)
        continue
      }
      if (!tunnel || !spi) {
        acct.warn(`lines ${rec.start}-${rec.end}: SA record without tunnel index or SPI`)
        continue
      }
      const direction = dirText === '>' || dirText?.toLowerCase() === 'outbound' ? '>' : '<'
      const sa: IpsecSa | null = addTableRow(set, {
        direction, tunnel, algorithm: leaf(rec, 'sa-protocol'), spi, life: leaf(rec, 'sa-life'),
        monitor: leaf(rec, 'sa-monitoring-state'), system: leaf(rec, 'sa-virtual-system'), port: leaf(rec, 'sa-port'),
        gateway: leaf(rec, 'sa-remote-gateway') ?? leaf(block, 'sa-remote-gateway'),
      }, rec.start, rec.end, rawFromFields(rawOf(rec)))
      if (!sa) {
        acct.warn(`lines ${rec.start}-${rec.end}: SPI "${spi}" is not a 32-bit number`)
        continue
      }
      if (rec.cut) markPartial(sa)
      used.push(rec)
      // detail elements
      const hard = leaf(rec, 'sa-hard-lifetime')
      if (hard) sa.lifetimeRemainingSec = sa.hardLifetimeRemainingSec = expiresIn(hard) ?? toInt(hard)
      const soft = leaf(rec, 'sa-soft-lifetime')
      if (soft) sa.softLifetimeRemainingSec = expiresIn(soft) ?? toInt(soft)
      const state = leaf(rec, 'sa-state')
      // <sa-state>installed</sa-state>
      if (state) sa.state = /^installed/i.test(state) ? 'installed' : 'unknown'
      const auth = leaf(rec, 'sa-authentication-algorithm')
      if (auth) sa.integrity = normalizeIntegrity(auth)
      const enc = leaf(rec, 'sa-encryption-algorithm')
      if (enc) sa.encryption = normalizeEncryption(enc)
    }
    const {flow} = set.flow(blockTunnel ?? block.children.find((x) => x.name === 'ipsec-security-associations')?.children.find((x) => x.name === 'sa-tunnel-index')?.text ?? `block@${block.start}`, block.start)
    flow.source.startLine = Math.min(flow.source.startLine, block.start)
    flow.source.endLine = Math.max(flow.source.endLine, block.end)
    if (block.cut) markPartial(flow)
    for (const rec of cutRecords) {
      for (const [k, r] of Object.entries(rawOf(rec))) if (!rawHas(flow.raw, `${rec.name}/${k}`)) rawSet(flow.raw, `${rec.name}/${k}`, r.value, r.line)
      used.push(rec)
    }
    const blockState = leaf(block, 'sa-block-state')
    // <sa-block-state>up</sa-block-state>
    if (blockState) flow.state = /^up$/i.test(blockState) ? 'up' : /^down$/i.test(blockState) ? 'down' : 'unknown'
    const vpn = leaf(block, 'sa-vpn-name')
    if (vpn) flow.name = vpn
    const lg = leaf(block, 'sa-local-gateway')
    if (lg) flow.localAddress = lg
    const li = leaf(block, 'sa-local-identity')
    if (li) flow.localIdent = parseIdentity(li)
    const ri = leaf(block, 'sa-remote-identity')
    if (ri) flow.remoteIdent = parseIdentity(ri)
    const bind = leaf(block, 'sa-bind-interface')
    if (bind) flow.interface = bind
    for (const c of block.children) {
      if (c.name === 'ipsec-security-associations' || c.text === null) continue
      if (!rawHas(flow.raw, c.name)) rawSet(flow.raw, c.name, c.text, c.textLine)
      used.push(c)
    }
  }
  for (const set of sets.values()) set.emit(acct)
  return used
}

/** Adds facts to `acct` and returns the nodes it read (their lines count as consumed). */
type Reader = (root: XNode, ctx: ParseContext, acct: LineAccount) => XNode[]

const READERS: Record<string, Reader> = {
  'show security ike security-associations': ikeFacts,
  'show services ipsec-vpn ike security-associations': ikeFacts,
  'show security ipsec security-associations': ipsecFacts,
  'show services ipsec-vpn ipsec security-associations': ipsecFacts,
}

/** Commands with a structured reader. */
export const STRUCTURED_COMMANDS = Object.keys(READERS)

/**
 * Accounts every line: lines of read nodes whose value a fact cites are consumed (their brackets and
 * tags are decoration), other data leaves rejected, the rest is envelope.
 */
function account(lines: Line[], root: XNode, records: XNode[], acct: LineAccount): void {
  const byN = new Map(lines.map((l) => [l.n, l]))
  const inRecord = (n: number) => records.some((r) => n >= r.start && n <= r.end)
  const cited = new Set<number>()
  for (const f of acct.facts) for (const n of f.raw.lines) cited.add(n)
  for (const l of lines) if (inRecord(l.n) && cited.has(l.n)) acct.consume(l)
  const walk = (n: XNode) => {
    for (const c of n.children) {
      if (records.includes(c)) continue
      if (c.text !== null && c.children.length === 0 && c.text.trim() !== '' && !ENVELOPE_LEAVES.has(c.name)) {
        for (let i = c.start; i <= c.end; i++) if (!inRecord(i) && byN.has(i)) acct.reject(byN.get(i)!, `element <${c.name}> outside any record`)
      } else walk(c)
    }
  }
  walk(root)
  for (const l of lines) acct.ignore(l)
}

/**
 * Parses a JSON/XML capture of `ctx.command` (the format comes from ctx.pipe). Malformed documents and
 * commands without a reader leave every non-blank line unparsed, with a warning.
 */
export function parseJunosStructured(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const format = structuredFormat(ctx.pipe)
  const reader = READERS[ctx.command]
  if (!format || !reader) {
    acct.warn(`no ${format ?? 'structured'} reader for "${ctx.command}"`)
    return acct.finish()
  }
  if (lines.every((l) => l.text.trim() === '')) return acct.finish()
  let root: XNode
  try {
    root = readTree(lines, format)
  } catch (err) {
    acct.warn(`${format.toUpperCase()} capture could not be read: ${(err as Error).message}`)
    return acct.finish()
  }
  const records = reader(root, ctx, acct)
  account(lines, root, records, acct)
  return finishAccount(acct, ctx)
}
