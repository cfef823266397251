/**
 * Vendor IKE states -> normalized vocabulary. One table for every parser; docs/state-mapping.md is
 * generated from it (npm run docs:states) and a test checks the doc is current.
 */
import type {IkeState} from './ike.js'

export interface StateMapping {
  state: IkeState
  /** Which platforms print it. */
  platforms: string
  meaning: string
}

const neg = (platforms: string, meaning: string): StateMapping => ({state: 'negotiating', platforms, meaning})

/** Keys are upper-cased with runs of spaces collapsed. */
export const IKE_STATE_TABLE: Record<string, StateMapping> = {
  QM_IDLE: {state: 'established', platforms: 'IOS', meaning: 'Phase 1 complete, SA idle and ready for quick mode'},
  MM_NO_STATE: neg('IOS', 'Main mode started, nothing negotiated yet: waiting for the peer'),
  MM_SA_SETUP: neg('IOS', 'Proposal agreed, key exchange not done'),
  MM_KEY_EXCH: neg('IOS', 'Diffie-Hellman done, not authenticated'),
  MM_KEY_AUTH: neg('IOS', 'Authenticated, about to move to quick mode'),
  AG_NO_STATE: neg('IOS', 'Aggressive mode started, nothing negotiated yet'),
  AG_INIT_EXCH: neg('IOS', 'Aggressive mode exchange initiated'),
  AG_AUTH: neg('IOS', 'Aggressive mode authenticated'),
  MM_ACTIVE: {state: 'established', platforms: 'ASA', meaning: 'Main mode complete'},
  AM_ACTIVE: {state: 'established', platforms: 'ASA', meaning: 'Aggressive mode complete'},
  MM_WAIT_MSG2: neg('ASA', 'Sent message 1, no answer from the peer (like MM_NO_STATE)'),
  MM_WAIT_MSG3: neg('ASA', 'Responder waiting for message 3 (DH / NAT-T)'),
  MM_WAIT_MSG4: neg('ASA', 'Initiator waiting for message 4 (DH / NAT-T)'),
  MM_WAIT_MSG5: neg('ASA', 'Responder waiting for message 5 (authentication)'),
  MM_WAIT_MSG6: neg('ASA', 'Initiator waiting for message 6 (authentication, like MM_KEY_EXCH)'),
  AM_WAIT_MSG2: neg('ASA', 'Aggressive mode: no answer to message 1'),
  AM_WAIT_MSG3: neg('ASA', 'Aggressive mode: responder waiting for message 3'),
  MM_NO_STATE_DELETED: {state: 'deleting', platforms: 'IOS', meaning: 'Leftover of a failed attempt'},
  MM_REKEY_DONE: {state: 'established', platforms: 'ASA', meaning: 'Rekey complete'},
  READY: {state: 'established', platforms: 'IOS-XE, ASA (IKEv2)', meaning: 'IKEv2 SA established'},
  'IN-NEG': neg('IOS-XE, ASA (IKEv2)', 'IKEv2 SA being negotiated'),
  DELETE: {state: 'deleting', platforms: 'IOS-XE, ASA (IKEv2)', meaning: 'IKEv2 SA being deleted'},
  MATURED: {state: 'established', platforms: 'Junos (legacy, MX services)', meaning: 'IKE SA established'},
  'NOT MATURED': neg('Junos (legacy, MX services)', 'IKE SA negotiation not finished'),
  UP: {state: 'established', platforms: 'Junos SRX', meaning: 'IKE SA up'},
  DOWN: {state: 'down', platforms: 'Junos SRX, IOS-XE crypto session', meaning: 'IKE SA / session down (SRX: the peer never answered if the responder cookie is zero)'},
  'UP-ACTIVE': {state: 'established', platforms: 'IOS-XE crypto session', meaning: 'IKE and IPsec SAs up, traffic flowing'},
  'UP-IDLE': {state: 'established', platforms: 'IOS-XE crypto session', meaning: 'IKE up, no IPsec SA yet'},
  'UP-NO-IKE': {state: 'established', platforms: 'IOS-XE crypto session', meaning: 'IPsec SAs up without an IKE SA'},
  'DOWN-NEGOTIATING': neg('IOS-XE crypto session', 'Session down, IKE negotiating'),
  'UP-IN-NEG': neg('ASA IKEv2 session', 'Session exists, its IKEv2 SA is still being negotiated'),
  // show crypto session brief: letter codes (A Active, U Up, D Down, I Idle, S Standby, N Negotiating, K No IKE)
  UA: {state: 'established', platforms: 'IOS/IOS-XE crypto session brief', meaning: 'Up-Active (as UP-ACTIVE)'},
  UI: {state: 'established', platforms: 'IOS/IOS-XE crypto session brief', meaning: 'Up-Idle (as UP-IDLE)'},
  UAK: {state: 'established', platforms: 'IOS/IOS-XE crypto session brief', meaning: 'Up-Active, no IKE SA (as UP-NO-IKE)'},
  D: {state: 'down', platforms: 'IOS/IOS-XE crypto session brief', meaning: 'Down (as DOWN)'},
  DN: neg('IOS/IOS-XE crypto session brief', 'Down-Negotiating (as DOWN-NEGOTIATING)'),
}

/** Normalizes a vendor state; unknown values map to "unknown" (the raw value is kept by the caller). */
export function normalizeIkeState(raw: string | null | undefined): IkeState {
  if (!raw) return 'unknown'
  const key = raw.trim().toUpperCase().replace(/\s+/g, ' ')
  return IKE_STATE_TABLE[key]?.state ?? 'unknown'
}
