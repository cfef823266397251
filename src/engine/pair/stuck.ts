/**
 * One side stuck: a side whose IKE SA is negotiating (or down) while the other side is established
 * or holds nothing for it, or a side that holds nothing while the other believes it is established.
 * The state the stuck side waits in tells whether the path (UDP 500/4500) or the other side's policy
 * is the likelier cause.
 */
import type {TunnelPair} from './schema.js'
import type {TunnelView} from './views.js'

export interface StuckVerdict {
  device: string | null
  state: string | null
  otherState: string | null
  pointsAt: TunnelPair['stuckPointsAt']
  reason: string | null
}

const NONE: StuckVerdict = {device: null, state: null, otherState: null, pointsAt: null, reason: null}

const STUCK_STATES = new Set(['negotiating', 'down', 'failed'])

// First message unanswered: MM_NO_STATE, MM_WAIT_MSG2, AM_WAIT_MSG2, AG_NO_STATE, Not matured, IN-NEG, DOWN
const FIRST_MESSAGE = /^(MM_NO_STATE|MM_WAIT_MSG2|AM_WAIT_MSG2|AG_NO_STATE|AG_INIT_EXCH|NOT MATURED|IN-NEG|DOWN|DOWN-NEGOTIATING|UP-IN-NEG)$/i
// Key exchange done, NAT-T switch to UDP 4500 pending: MM_SA_SETUP, MM_WAIT_MSG3, MM_WAIT_MSG4
const KEY_EXCHANGE = /^(MM_SA_SETUP|MM_WAIT_MSG[34]|AM_WAIT_MSG3)$/i
// Authentication step: MM_KEY_EXCH, MM_WAIT_MSG5, MM_WAIT_MSG6, AG_AUTH
const AUTHENTICATION = /^(MM_KEY_EXCH|MM_WAIT_MSG[56]|AG_AUTH)$/i

interface SideState {
  state: string | null
  raw: string | null
}

function explain(stuck: string, stuckAddr: string | null, other: string, otherAddr: string | null, raw: string, otherState: string, natT: boolean): Pick<StuckVerdict, 'pointsAt' | 'reason'> {
  const port = natT ? 'UDP 4500' : 'UDP 500 (and 4500 once NAT-T starts)'
  if (AUTHENTICATION.test(raw))
    return {pointsAt: 'authentication', reason: `${stuck} got as far as authentication (${raw}): the path works; ${other} rejects the identity, pre-shared key or certificate of ${stuckAddr ?? stuck}`}
  if (KEY_EXCHANGE.test(raw))
    return {pointsAt: 'path', reason: `${stuck} waits after the key exchange (${raw}): ${other} answered on UDP 500, so the proposals match; the switch to UDP 4500 (NAT-T) or the DH exchange fails, look at ${port} on the path`}
  if (otherState === 'missing')
    return {
      pointsAt: FIRST_MESSAGE.test(raw) ? 'path-or-policy' : 'policy',
      reason: `${stuck} waits for the first answer (${raw}) and ${other} holds no IKE SA for ${stuckAddr ?? stuck}: either ${port} from ${stuckAddr ?? stuck} to ${otherAddr ?? other} is blocked on the path, or ${other} has no IKE gateway/peer (policy) for ${stuckAddr ?? stuck} and drops the proposal`,
    }
  return {
    pointsAt: 'path',
    reason: `${other} is established with ${stuckAddr ?? stuck} while ${stuck} waits for an answer (${raw}): ${other}'s policy accepts this peer, so ${stuck}'s new negotiation is lost on the path (${port}) or ${other} answers on an SA ${stuck} no longer has`,
  }
}

export function stuckVerdict(
  deviceA: string, a: SideState, deviceB: string, b: SideState,
  addressA: string | null, addressB: string | null,
  viewA: TunnelView | null, viewB: TunnelView | null,
): StuckVerdict {
  const natT = [viewA, viewB].some((v) => v?.ike.some((r) => r.natT || r.remotePort === 4500 || r.localPort === 4500) || v?.flows.some((f) => f.natT))
  for (const [sd, s, sAddr, od, o, oAddr] of [[deviceA, a, addressA, deviceB, b, addressB], [deviceB, b, addressB, deviceA, a, addressA]] as const) {
    if (s.state === null || o.state === null) continue
    if (STUCK_STATES.has(s.state) && (o.state === 'established' || o.state === 'missing')) {
      const raw = s.raw ?? s.state
      return {device: sd, state: raw, otherState: o.state === 'missing' ? 'no IKE SA for it' : 'an established IKE SA', ...explain(sd, sAddr, od, oAddr, raw, o.state, natT)}
    }
    if (s.state === 'missing' && o.state === 'established') {
      return {
        device: sd, state: 'no IKE SA', otherState: 'an established IKE SA', pointsAt: 'stale-sa',
        reason: `${od} believes its IKE SA with ${sAddr ?? sd} is established but ${sd} holds none: ${sd} rebooted or cleared its SAs and ${od} keeps a stale SA until DPD/keepalives notice`,
      }
    }
  }
  return NONE
}
