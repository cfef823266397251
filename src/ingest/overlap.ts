/**
 * Facts two commands print about the same thing. IOS-XE `show crypto session detail` prints each
 * IPsec flow with its packet counts, and `show crypto ipsec sa` prints the same flow in full. When a
 * device's capture holds both, the flow would be counted twice and every flow finding would repeat,
 * so the session's copy is dropped (with a note naming both places) and `show crypto ipsec sa`'s is
 * kept: it carries the SPIs, transforms and error counters the session summary lacks.
 */
import type {CryptoSession, Diagnostic, Fact, FactsByKind, IpsecFlow, IpsecSa, TrafficSelector} from '../model/index.js'

/** Canonical commands: only flows of the session parser are candidates, only flows of show crypto ipsec sa win. */
const SESSION_PARSER_COMMAND = 'show crypto session'
const IPSEC_SA_COMMAND = 'show crypto ipsec sa'

/** Address, prefix and protocol of a selector; the session output prints no ports, so they are left out. */
function selectorPart(sel: TrafficSelector | null): string {
  return sel ? `${sel.address.toLowerCase()}/${sel.prefixLength ?? '?'}/${sel.protocol ?? 0}` : '?'
}

function flowKey(f: IpsecFlow): string {
  return `${f.source.device}\u0000${f.remoteAddress ?? '?'}\u0000${selectorPart(f.localIdent)}\u0000${selectorPart(f.remoteIdent)}`
}

/**
 * Removes session flows that `show crypto ipsec sa` of the same device also printed, in place, and
 * returns one info diagnostic per device that lost some.
 */
export function dropSessionFlowCopies(facts: FactsByKind): Diagnostic[] {
  const flows = facts.ipsecFlow
  // most captures hold only one of the two commands: no keys are built for them
  if (!flows.some((f) => f.source.command === SESSION_PARSER_COMMAND)) return []
  const fromIpsecSa = new Map<string, IpsecFlow>()
  for (const f of flows) if (f.source.command === IPSEC_SA_COMMAND) fromIpsecSa.set(flowKey(f), f)
  if (fromIpsecSa.size === 0) return []
  const dropped = new Map<string, {first: IpsecFlow; kept: IpsecFlow; count: number}>()
  facts.ipsecFlow = flows.filter((f) => {
    if (f.source.command !== SESSION_PARSER_COMMAND) return true
    const kept = fromIpsecSa.get(flowKey(f))
    if (!kept) return true
    const entry = dropped.get(f.source.device)
    if (entry) entry.count++
    else dropped.set(f.source.device, {first: f, kept, count: 1})
    return false
  })
  return [...dropped].map(([device, {first, kept, count}]) => {
    const at = `${first.source.file}:${first.source.startLine}`
    return {
      level: 'info',
      file: first.source.file,
      line: first.source.startLine,
      message: `${at}: ${count} flow(s) of "show crypto session detail" for ${device} are also printed by "show crypto ipsec sa" (first at ${kept.source.file}:${kept.source.startLine}); the show crypto ipsec sa ones are used`,
    }
  })
}

const SESSION_BRIEF_COMMAND = 'show crypto session brief'

/**
 * `show crypto session brief` prints one row per peer that `show crypto session [detail]` prints in
 * full (its IKE SAs and flows). When a device's capture holds both, each session would be judged
 * twice (two session-down findings for one peer), so the brief row of a peer the long form also
 * lists is dropped, in place, with one info diagnostic per device. Peers only the brief form lists
 * stay.
 */
export function dropBriefSessionCopies(facts: FactsByKind): Diagnostic[] {
  const sessions = facts.cryptoSession
  if (!sessions.some((s) => s.source.command === SESSION_BRIEF_COMMAND)) return []
  const key = (s: CryptoSession) => `${s.source.device}\u0000${(s.remoteAddress ?? '?').toLowerCase()}`
  const long = new Map<string, CryptoSession>()
  for (const s of sessions) if (s.source.command === SESSION_PARSER_COMMAND && s.remoteAddress !== null) long.set(key(s), s)
  if (long.size === 0) return []
  const dropped = new Map<string, {first: CryptoSession; kept: CryptoSession; count: number}>()
  facts.cryptoSession = sessions.filter((s) => {
    if (s.source.command !== SESSION_BRIEF_COMMAND) return true
    const kept = long.get(key(s))
    if (!kept) return true
    const entry = dropped.get(s.source.device)
    if (entry) entry.count++
    else dropped.set(s.source.device, {first: s, kept, count: 1})
    return false
  })
  return [...dropped].map(([device, {first, kept, count}]) => ({
    level: 'info',
    file: first.source.file,
    line: first.source.startLine,
    message: `${first.source.file}:${first.source.startLine}: ${count} session(s) of "show crypto session brief" for ${device} are also printed by "show crypto session" (first at ${kept.source.file}:${kept.source.startLine}); the show crypto session ones are used`,
  }))
}

/**
 * Two facts of one view of one command on one device: same file (views in two files may be two
 * captures at different times, and a stale state must not fill a newer record), same device, same
 * command, same chassis-cluster node.
 */
function sameView(a: Fact, b: Fact): boolean {
  return (
    a.source.file === b.source.file &&
    a.source.device === b.source.device &&
    a.source.command === b.source.command &&
    ((a as {node?: string | null}).node ?? '') === ((b as {node?: string | null}).node ?? '')
  )
}

/** Fields of a fact that are not values of the entity: identity, provenance and capture marks. */
const NOT_VALUES = new Set(['kind', 'id', 'source', 'raw', 'masked', 'partial'])

/** A value the view did not print: null, absent, an empty list, or a state word the view left 'unknown'. */
const empty = (v: unknown) => v === null || v === undefined || v === 'unknown' || (Array.isArray(v) && v.length === 0)

/** The printed values of `from` whose labels `into` lacks, added to `into` (either layout of raw). */
function addMissingRaw(into: Fact, from: Fact): void {
  const a = into.raw as unknown as {labels?: string[]; values?: string[]; lines?: number[]} & Record<string, unknown>
  const b = from.raw as unknown as {labels?: string[]; values?: string[]; lines?: number[]} & Record<string, unknown>
  if (Array.isArray(a.labels) && Array.isArray(b.labels)) {
    b.labels.forEach((label, i) => {
      if (a.labels!.includes(label)) return
      a.labels!.push(label)
      a.values!.push(b.values![i])
      a.lines!.push(b.lines![i])
    })
    return
  }
  for (const [label, v] of Object.entries(b)) if (!(label in a)) a[label] = v
}

/**
 * One entity printed by two views of the same command on one device (`show crypto isakmp sa` and
 * `... detail`, `show crypto ikev2 sa` and `... remote <addr> detail`, ASA `show running-config
 * crypto` and `... crypto map`): each block gives the fact under the same id, and judged twice it
 * would read as two SAs (ike-duplicate-sas) or repeat every finding. The later fact is kept; values it
 * lacks (null, absent, an empty list) and printed values it lacks are taken from the earlier one, so
 * the state of the plain view and the algorithms of the detail view meet. Facts of different
 * chassis-cluster nodes and different files stay apart. One info diagnostic per device and command.
 */
export function mergeViewCopies(facts: FactsByKind): Diagnostic[] {
  const notes = new Map<string, {first: Fact; count: number}>()
  const byKind = facts as unknown as Record<string, Fact[]>
  adoptSoleRowIds(facts.ikeSa)
  adoptSoleFlowIds(facts.ipsecFlow)
  adoptFlowsBySpi(facts)
  for (const kind of Object.keys(byKind)) {
    const list = byKind[kind]
    if (list.length < 2) continue
    // id -> places in `out` of the facts with that id (ids repeat only across blocks, so nearly all hold one)
    const at = new Map<string, number[]>()
    const out: Fact[] = []
    for (const f of list) {
      const places = at.get(f.id)
      const i = places?.find((j) => sameView(out[j], f))
      if (i === undefined) {
        if (places) places.push(out.length)
        else at.set(f.id, [out.length])
        out.push(f)
        continue
      }
      const earlier = out[i]
      const later = f as unknown as Record<string, unknown>
      for (const [k, v] of Object.entries(earlier)) if (!NOT_VALUES.has(k) && empty(later[k]) && !empty(v)) later[k] = v
      addMissingRaw(f, earlier)
      if (!earlier.partial) delete (f as {partial?: true}).partial
      if (earlier.masked) f.masked = [...new Set([...(f.masked ?? []), ...earlier.masked])]
      out[i] = f
      const noteKey = `${f.source.device}\u0000${f.source.command}`
      const note = notes.get(noteKey)
      if (note) note.count++
      else notes.set(noteKey, {first: earlier, count: 1})
    }
    if (out.length !== list.length) byKind[kind] = out
  }
  return [...notes.values()].map(({first, count}) => ({
    level: 'info',
    file: first.source.file,
    line: first.source.startLine,
    message: `${first.source.file}:${first.source.startLine}: ${count} record(s) of "${first.source.command}" for ${first.source.device} are printed again by another view of the command; each is read once, with the values of both`,
  }))
}

/**
 * An SRX IKE detail filtered by `| match "State|Role|Local:|Remote:"` loses its "IKE peer ..., Index N"
 * line, so its SA has no index and another id than the table row of the same peer:
 *   5910227 DOWN 4f7a0e81c2d93b56 0000000000000000 Main 203.0.113.66
 *   Role: Initiator, State: DOWN / Local: 192.0.2.33:500, Remote: 203.0.113.66:500
 * When the same file, device, command and node hold exactly one indexed SA toward that peer, the
 * partial SA is that one (mergeViewCopies then reads them once); with none or several it stays apart.
 */
function adoptSoleRowIds(list: FactsByKind['ikeSa']): void {
  if (!list || list.length < 2 || !list.some((f) => f.partial && f.connId === null && f.source.vendor === 'junos')) return
  const scope = (f: FactsByKind['ikeSa'][number]) => `${f.source.file}\u0000${f.source.device}\u0000${f.source.command}\u0000${f.node ?? ''}\u0000${f.remoteAddress}`
  const indexed = new Map<string, string[]>()
  for (const f of list) {
    if (f.connId === null || !f.remoteAddress) continue
    const ids = indexed.get(scope(f)) ?? []
    if (!ids.includes(f.id)) ids.push(f.id)
    indexed.set(scope(f), ids)
  }
  for (const f of list) {
    if (!f.partial || f.connId !== null || !f.remoteAddress || f.source.vendor !== 'junos') continue
    const ids = indexed.get(scope(f))
    if (ids?.length === 1) f.id = ids[0]
  }
}

/**
 * A flow a filtered view printed without anything that names it: `show crypto ipsec sa | include
 * encaps|decaps` keeps only the counter lines
 *   #pkts encaps: 1839, #pkts encrypt: 1839, #pkts digest: 1839
 *   #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0
 * (no interface, no idents, no SA; `| i peer|encaps|decaps` or `... sa peer <addr> | i ...` keep or
 * give the peer). Its counters belong to a flow of the same device, so on its own it would repeat
 * that flow's findings as "Flow to ?". When the same file, device, command and node hold exactly one
 * named flow (with a peer: exactly one toward that peer), the anonymous one is that flow and takes its
 * id (mergeViewCopies then reads them once, the later counters winning). With several candidates it
 * stays apart (src/engine/anonymous-flows.ts keeps its findings from repeating a named flow's). A
 * block that printed several anonymous flows of one id base (flow:-, flow:-#2) is left apart whole:
 * which of them is which flow is not known.
 */
export function isAnonymousFlow(f: IpsecFlow): boolean {
  return f.interface === null && f.localIdent === null && f.remoteIdent === null && f.saCount === 0 && f.currentOutboundSpi === null
}

function adoptSoleFlowIds(list: IpsecFlow[] | undefined): void {
  if (!list || list.length < 2 || !list.some(isAnonymousFlow)) return
  const scope = (f: IpsecFlow) => `${f.source.file}\u0000${f.source.device}\u0000${f.source.command}\u0000${f.node ?? ''}`
  const named = new Map<string, IpsecFlow[]>()
  // id bases an anonymous flow of the scope repeated within its block (ids.unique gave "#2" to the second)
  const repeated = new Set<string>()
  for (const f of list) {
    if (isAnonymousFlow(f)) {
      const hash = f.id.lastIndexOf('#')
      if (hash > 0) repeated.add(`${scope(f)}\u0000${f.id.slice(0, hash)}`)
      continue
    }
    const same = named.get(scope(f)) ?? []
    if (!same.some((g) => g.id === f.id)) same.push(f)
    named.set(scope(f), same)
  }
  for (const f of list) {
    if (!isAnonymousFlow(f) || f.id.includes('#') || repeated.has(`${scope(f)}\u0000${f.id}`)) continue
    const peer = f.remoteAddress?.toLowerCase() ?? null
    const candidates = (named.get(scope(f)) ?? []).filter((g) => peer === null || g.remoteAddress?.toLowerCase() === peer)
    if (candidates.length === 1) f.id = candidates[0].id
  }
}

// "filtered-3", "ss-dc:filtered-1": the name a Junos parser gives a tunnel whose index line a filter dropped
const FILTERED_NAME = /(?:^|:)filtered-\d+$/

/**
 * A Junos SA detail filtered by `| match "Identity|Direction|State"` loses its "ID: 131074 ..." line,
 * so its tunnel is named filtered-N while the table of the same command names it by index:
 *   >131074 ESP:aes-cbc-256/sha256 4e6b0d72 2787/ unlim - root 500 198.51.100.80
 *   Direction: outbound, SPI: 4e6b0d72, AUX-SPI: 0
 * An SPI names one SA of one device: when the filtered tunnel's SPIs belong to exactly one named
 * tunnel of the same file, device, command and node, it is that tunnel. It and its SAs take that
 * tunnel's ids and names (mergeViewCopies then reads them once, with the identities of the filtered
 * view and the peer of the table). With no SPI in common, or SPIs of several tunnels, it stays apart.
 */
function adoptFlowsBySpi(facts: FactsByKind): void {
  const flows = facts.ipsecFlow
  if (!flows || flows.length < 2 || !flows.some((f) => FILTERED_NAME.test(f.name ?? ''))) return
  const scope = (f: Fact) => `${f.source.file}\u0000${f.source.device}\u0000${f.source.command}\u0000${(f as {node?: string | null}).node ?? ''}`
  const flowById = new Map(flows.map((f) => [f.id, f]))
  // scope + SPI -> the named flows whose SAs carry it
  const owners = new Map<string, Set<IpsecFlow>>()
  for (const sa of facts.ipsecSa) {
    const flow = sa.flowId ? flowById.get(sa.flowId) : undefined
    if (!flow || FILTERED_NAME.test(flow.name ?? '') || sa.spi === null) continue
    const key = `${scope(sa)}\u0000${sa.spi}`
    owners.set(key, (owners.get(key) ?? new Set()).add(flow))
  }
  const sasOf = new Map<string, IpsecSa[]>()
  for (const sa of facts.ipsecSa) {
    if (!sa.flowId) continue
    const list = sasOf.get(sa.flowId)
    if (list) list.push(sa)
    else sasOf.set(sa.flowId, [sa])
  }
  for (const f of flows) {
    if (!FILTERED_NAME.test(f.name ?? '')) continue
    const sas = sasOf.get(f.id) ?? []
    const named = new Set(sas.flatMap((sa) => [...(owners.get(`${scope(sa)}\u0000${sa.spi}`) ?? [])]))
    if (named.size !== 1) continue
    const [target] = named
    const targetSas = sasOf.get(target.id) ?? []
    for (const sa of sas) {
      const twin = targetSas.find((t) => t.spi === sa.spi && t.direction === sa.direction)
      if (twin) sa.id = twin.id
      sa.flowId = target.id
      sa.name = target.name
    }
    f.id = target.id
    f.name = target.name
  }
}
