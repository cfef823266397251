/**
 * Facts two commands print about the same thing. IOS-XE `show crypto session detail` prints each
 * IPsec flow with its packet counts, and `show crypto ipsec sa` prints the same flow in full. When a
 * device's capture holds both, the flow would be counted twice and every flow finding would repeat,
 * so the session's copy is dropped (with a note naming both places) and `show crypto ipsec sa`'s is
 * kept: it carries the SPIs, transforms and error counters the session summary lacks.
 */
import type {CryptoSession, Diagnostic, FactsByKind, IpsecFlow, TrafficSelector} from '../model/index.js'

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
