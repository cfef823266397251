/**
 * Whether the outputs captured so far show phase 1 up, for the wizard's `ifNeverUp` steps (the
 * configuration views of a tunnel that never came up). Phase 1 counts as up only when the captures
 * list IKE state and all of it is up: every IKE SA row established (deleted leftovers aside), every
 * crypto session with an established IKE SA, every ASA LAN-to-LAN session present, SRX active peers.
 * A stuck or down row anywhere, or no IKE state at all, leaves the tunnel "never came up".
 */
import type {ParseDocument} from '../model/index.js'

export function phase1Up(doc: ParseDocument | null): boolean {
  if (doc === null) return false
  const up: boolean[] = []
  for (const sa of doc.facts.ikeSa) if (!sa.deleted) up.push(sa.state === 'established')
  for (const s of doc.facts.cryptoSession) up.push(s.ikeState === 'established')
  for (const s of doc.facts.vpnSession) up.push(s.status !== 'absent')
  for (const p of doc.facts.ikeActivePeer) up.push(p.remoteAddress !== null)
  return up.length > 0 && up.every(Boolean)
}
