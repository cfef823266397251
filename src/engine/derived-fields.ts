/**
 * Catalogue of the `derived` values the derivation step (derive.ts) attaches to each entity kind,
 * and of the `context` fact. Rules may only read names listed here; the loader rejects others.
 * Values are null when the data they need was not captured (e.g. no IKE output on the device).
 */
import {registeredDerivedFields} from './kinds.js'
import {LOG_EVENT_DERIVED} from './log-evidence.js'

const COMMON = {
  peer: 'Peer address the entity belongs to (grouping key for root-cause / symptom)',
} as const

export const DERIVED_FIELDS: Record<string, Record<string, string>> = {
  ikeSa: {
    ...COMMON,
    representativeRow: 'First row of the peer with this state, preferring a row that is not a deleted leftover (one finding per peer and state)',
    firstOfPair: 'First row of its local/remote pair (one finding per pair)',
    peerHasEstablished: 'Some IKE SA row for the same peer is established (QM_IDLE, Matured, READY, UP ...)',
    peerPhase1FailureLogged: "The device's log has a verified phase 1 failure with the peer (no answer, key, proposal, identity, certificate) that no success followed: a negotiating state is not just starting",
    peerOtherEstablished: 'Another IKE SA (not this one) to the same peer is established',
    peerRows: 'Number of IKE SA rows for the same local/remote pair',
    peerIrregularRows: 'Rows of the pair that are not established and not deleted leftovers',
    waitingForRemove: 'The SA or one of its phase 2 negotiations carries the flag "waiting for remove"',
    waitingForDone: 'The SA carries "waiting for done" (negotiation finished)',
    waitingForPolicyManager: 'The SA carries "waiting for policy manager"',
    phase2Stuck: 'Phase 2 negotiations in progress and none flagged "waiting for done"',
    peerFlowCount: 'IPsec flows to the peer, transport-parent placeholders excluded (null when no IPsec SA output)',
    peerFlowsWithSas: 'Of those, flows that hold SAs',
    peerDropCount: 'Engine drop count on the interfaces that lead to the peer (null without dropped-packet output)',
    peerZeroDecaps: 'A flow to the peer sends >= encapsFloor packets and receives none',
    natT: 'NAT traversal seen on the SA or on a flow to the peer',
    responderCookieZero: 'The responder cookie/SPI is all zeros: the peer never answered',
    responderAnswer: 'The responder cookie in words, for messages: the peer never answered (all zero) / answered, then the exchange failed / not printed',
    ipsecCaptured: 'The device capture holds IPsec SA output',
    phase2Empty: 'The device\'s phase 2 output is present, unfiltered, and holds no SA at all ("There are no ipsec sas", "Total active tunnels: 0"), or the listing of this peer\'s SAs (show crypto ipsec sa peer X) was read and holds none; null when no phase 2 output was captured',
    peerMissingFromPhase2: 'Phase 2 output (unfiltered) lists SAs of other peers but none for this peer (a trimmed table looks the same)',
    peerFlowSendErrors: 'Send errors summed over the peer\'s flows that hold no SA (packets waiting for a phase 2 that is not there)',
    phase1: 'Phase 1 as a phrase for messages: "is QM_IDLE", "is not in the capture"',
  },
  ipsecFlow: {
    ...COMMON,
    hasSas: 'The flow holds SAs (current outbound SPI != 0 or SAs listed)',
    peerIkeEstablished: 'An established IKE SA to the peer exists (null when no IKE output was captured)',
    peerOtherFlowsWithSas: 'Other flows to the same peer that hold SAs (transport-parent placeholders excluded)',
    interfaceDropCount: 'Engine drop count on the flow interface (null without dropped-packet output)',
    sendErrorRatio: 'send errors / encaps (1 when encaps is 0)',
    recvErrorRatio: 'recv errors / decaps (1 when decaps is 0)',
    trafficMin: 'min(encaps, decaps)',
    trafficMax: 'max(encaps, decaps)',
    trafficRatio: 'min / max of encaps and decaps',
    pathMtuReduced: 'path mtu < media mtu',
    replayFailures: 'Sum of the anti-replay error counters of the detail output',
    verifyFailures: 'Sum of the HMAC verify failure counters of the detail output',
    invalidSaPackets: 'Sum of the invalid SA / SPI counters of the detail output',
    decapsFailures: 'Sum of the decapsulation / decryption failure counters of the detail output',
    fresh: 'Its SAs were created within freshSaSec (remaining lifetime close to the full lifetime)',
    saSectionsCaptured: 'The capture shows the flow\'s SA sections or its current outbound SPI (false: cut after the counters, or filtered with | include)',
    mayHaveSas: 'The flow holds SAs, or its SA sections are not in the capture (counters alone: encaps > 0 means an outbound SA existed)',
    saAgeMinSec: 'Lower bound of the age of the flow\'s SAs in seconds: configured lifetime (or the 3600 s IOS default when the map is not captured) minus the largest remaining lifetime; null when no lifetime is printed',
    sent: 'Packets sent into the tunnel (encaps)',
    received: 'Packets received from the tunnel (decaps)',
    phase1: 'Phase 1 as a phrase for messages: "is QM_IDLE", "is not in the capture"',
  },
  ipsecSa: {
    ...COMMON,
    flowTransportParent: 'The SA belongs to a transport_parent placeholder flow',
    representative: 'First SA of its flow and protocol (posture rules report once per flow)',
    otherUnexpiredSoft: 'Another SA of the same name/flow and direction has an unexpired soft lifetime (a successor)',
    cipher: 'The SA cipher (encryption, or "64-bit block cipher (8-byte IV)" when only the IV size tells)',
    integrity: 'The SA integrity algorithm',
    secondsLeft: 'Hard lifetime left (Junos) or remaining key lifetime in seconds (IOS)',
    outboundSaCount: 'Outbound SAs of the same flow/name (1 = no newer pair)',
    lifetimeKbRatio: 'Remaining kB / the crypto map lifetime kB (null when either is unknown)',
  },
  ikeStats: {
    ...COMMON,
    dpdAllZero: 'All six DPD counters are 0',
    deleteRatio: 'IPsec SAs deleted / created',
    rekeyChurn: 'created >= rekeyChurnMinCreated and deleted/created >= rekeyChurnRatio',
    deletesPerRekey: 'Delete payloads received / tunnel rekeys',
  },
  ipsecStats: {
    ...COMMON,
    sent: 'ESP (and AH) packets encrypted',
    received: 'ESP (and AH) packets decrypted',
  },
  cryptoSession: {...COMMON},
  engineConnection: {
    ...COMMON,
    direction: 'inbound / outbound, from the IPsec SA with the same conn id',
    siblingDecrypt: 'Decrypt count of the inbound engine row of the same flow (for outbound rows)',
    flowTransportParent: 'The flow of the row is a transport_parent placeholder',
    flowZeroTraffic: 'The flow of the row has encaps == decaps == 0 (null when unknown)',
  },
  droppedPackets: {
    ...COMMON,
    stuckPeers: 'Peers reached over this interface whose IKE SA is not established',
    onlyDynamicMap: 'Every crypto map on this interface is dynamic-only (cannot initiate)',
  },
  cryptoMap: {
    ...COMMON,
    hasStaticEntry: 'The map has an entry that is not a dynamic template reference',
    hasCompleteStaticEntry: 'The map has a static ipsec-isakmp entry with peer, ACL and transform set',
    allDynamic: 'Every entry is a dynamic map template reference',
    interfaceDropCount: 'Engine drop count on the interfaces of the map',
  },
  cryptoMapEntry: {
    ...COMMON,
    isStatic: 'Not a dynamic template and not a reference to one',
    complete: 'Static ipsec-isakmp entry with a peer, an ACL and a transform set',
    mapApplied: 'The parent map is applied to an interface',
    peerHasIkeSa: 'Some IKE SA row exists for one of its peers (null when no IKE output was captured)',
    currentPeerIsBackup: 'Current peer is one of the peers but not the first',
    currentPeerUnset: 'Current peer is 0.0.0.0 although peers are configured (never negotiated)',
    aclPermitsAnyAny: 'An ACL line is permit ip any any',
    aclPermitsAny: 'An ACL line permits ip any any, or permits to/from any',
    aclDeniesMulticast: 'An ACL line denies multicast (224.0.0.0)',
    interfaceDropCount: 'Engine drop count on the map interfaces',
    cipher: 'Weakest cipher its transform sets offer (des, 3des; null when none is weak or contents are not printed)',
    integrity: 'Weakest integrity its transform sets offer (md5, sha1; null otherwise)',
  },
  certificate: {
    ...COMMON,
    daysToExpiry: 'Days from the judging time to validTo (negative = expired)',
    daysSinceStart: 'Days from validFrom to the judging time (negative = not yet valid)',
    otherValidSameSubject: 'Another certificate with the same subject is valid now',
    noAutoRenew: 'Cisco certificate without a renew date (no auto-enrollment)',
    renewal: 'Renewal in words, for messages: the renew date, "no renew date: no auto-enrollment" (Cisco), or "auto-renewal not judged"',
  },
  redundancy: {...COMMON},
  captureTime: {...COMMON},
  logEvent: LOG_EVENT_DERIVED,
  ikeGateway: {
    ...COMMON,
    activePeerListed: 'Junos gateway: one of its peer addresses is in show security ike active-peer (false: the unfiltered listing lacks them all; null: no such listing captured, not a Junos gateway, or no peer address)',
    gatewayVpns: 'Names of the vpns that use the gateway (null when no vpn configuration was captured)',
    gatewayUnused: 'The vpn configuration was captured and no vpn uses the gateway (null when no vpn configuration was captured)',
    establishImmediately: 'A vpn of the gateway has establish-tunnels immediately (it should be up without traffic)',
  },
  natRule: {
    ...COMMON,
    natCatchesProtected: 'The rule translates traffic a crypto ACL of the device protects, with no NAT exemption for it (null: unknown, e.g. route-map NAT)',
    natCaughtTraffic: 'The protected pairs it catches: "10.1.0.0/16 -> 10.2.0.0/16"',
    natCryptoMap: 'The crypto map entry whose ACL protects that traffic ("VPN 10")',
  },
}

export const CONTEXT_FIELDS: Record<string, string> = {
  vendor: 'Vendor of the device',
  platform: 'Platform when known (ios, ios-xe, asa, junos-srx ...)',
  device: 'Device name',
  time: 'ISO time the checks are judged against',
  timeSource: 'capture, flag or now',
  symptom: 'The symptom the user reported (diagnose --symptom, the wizard\'s first answer): down, one-way, flapping, certificate; null when not given',
}

export function derivedFieldsOf(kind: string): Record<string, string> {
  return DERIVED_FIELDS[kind] ?? registeredDerivedFields(kind) ?? COMMON
}
