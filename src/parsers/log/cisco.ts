/**
 * Cisco IOS / IOS-XE messages: syslog ("%CRYPTO-4-IKMP_BAD_MESSAGE: ...", "%PKI-3-...") and debug
 * output of debug crypto isakmp / ipsec / ikev2 ("ISAKMP:(1001):...", "ISAKMP-ERROR: (0):...",
 * "IPSEC(ipsec_process_proposal): ...", "IKEv2-ERROR:(SESSION ID = 5,SA ID = 1):..."). Entries are
 * IOS-S01..S19 and IOS-D01..D18 of shared/knowledge/log-messages.md.
 */
import {ADDR, addressPattern, SPI} from '../../reading/address-pattern.js'
import {classified, ev, runTable, type Classified, type Pattern} from './event.js'

// "%CRYPTO-4-IKMP_BAD_MESSAGE: text" (the facility is not ASA/FTD/PIX/FWSM: asa.ts reads those)
export const IOS_TAG = /^%([A-Z][A-Z0-9_]*)-(\d)-([A-Z0-9_]+): ?/

const SYSLOG: Record<string, Pattern[]> = {
  RECVD_PKT_INV_SPI: [{
    // "decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, spi=0x3C5F0A1B(1012861467), srcaddr=x.x.x.x"
    re: addressPattern`destaddr=(${ADDR}), prot=(\d+), spi=(${SPI})(?:\(\d+\))?, srcaddr=(${ADDR})`,
    apply: (m, c) => { ev(c, 'invalid-spi', 2); c.localAddress = m[1]; c.spi = m[3]; c.peer = m[4]; c.reason = `prot=${m[2]}` },
  }],
  RECVD_PKT_NOT_IPSEC: [{
    // "Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /192.0.2.1, src_addr= <peer-ip>, prot= 1"
    re: addressPattern`dest_addr= ?(?:[^\/ ]*\/)?(${ADDR}), src_addr= ?(${ADDR}), prot= ?(\d+)`,
    apply: (m, c) => { ev(c, 'cleartext-received', 2); c.localAddress = m[1]; c.peer = m[2]; c.reason = `prot=${m[3]}` },
  }],
  IKMP_MODE_FAILURE: [{
    // "Processing of Main mode failed with peer at 198.51.100.20" / "... peer at x.x.x.x"
    re: addressPattern`Processing of (Main|Aggressive|Quick) mode failed with peer at (${ADDR})`,
    apply: (m, c) => { ev(c, 'mode-failure', m[1] === 'Quick' ? 2 : 1); c.peer = m[2]; c.reason = `${m[1]} mode` },
  }],
  IKMP_BAD_MESSAGE: [{
    // "IKE message from 198.51.100.20 failed its sanity check or is malformed" / "... from <peer-ip> ..."
    re: addressPattern`IKE message from (${ADDR}) failed its sanity check or is malformed`,
    apply: (m, c) => { ev(c, 'psk-mismatch', 1); c.peer = m[1]; c.reason = 'message failed its sanity check (key mismatch as seen by the responder)' },
  }],
  IKMP_NOT_ENCRYPTED: [{
    // "IKE packet from 198.51.100.20 was not encrypted and it should've been."
    re: addressPattern`IKE packet from (${ADDR}) was not encrypted`,
    apply: (m, c) => { ev(c, 'ike-not-encrypted', 1); c.peer = m[1] },
  }],
  IKMP_AUTH_FAIL: [{
    // "Authentication method 1 failed with host 198.51.100.20" / "... with host [REDACTED]"
    re: addressPattern`Authentication method (\d+) failed with host (${ADDR})`,
    apply: (m, c) => {
      ev(c, m[1] === '1' ? 'psk-mismatch' : m[1] === '3' ? 'cert-invalid' : 'auth-failed', 1)
      c.peer = m[2]
      c.reason = `authentication method ${m[1]}${m[1] === '1' ? ' (pre-shared key)' : m[1] === '3' ? ' (RSA signature)' : ''}`
    },
  }],
  IKMP_SA_NOT_OFFERED: [{
    // "Remote peer 198.51.100.20 responded with attribute [encryption] not offered or changed"
    re: addressPattern`Remote peer (${ADDR}) responded with attribute (.+?) not offered or changed`,
    apply: (m, c) => { ev(c, 'proposal-mismatch', 1); c.peer = m[1]; c.attribute = m[2] },
  }],
  IKMP_SA_NOT_AUTH: [{
    // "Quick Mode exchange from 198.51.100.20 if SA is not authenticated!"
    re: addressPattern`Quick Mode exchange from (${ADDR}) if SA is not authenticated`,
    apply: (m, c) => { ev(c, 'sa-not-authenticated', 1); c.peer = m[1] },
  }],
  IKMP_NO_SA: [{
    // "IKE message from 198.51.100.20 has no SA and is not an initialization offer"
    re: addressPattern`IKE message from (${ADDR}) has no SA`,
    apply: (m, c) => { ev(c, 'sa-out-of-sync', 1); c.peer = m[1] },
  }],
  ISAKMP_ON_OFF: [{re: /ISAKMP is (ON|OFF)/, apply: (m, c) => ev(c, m[1] === 'ON' ? 'isakmp-on' : 'isakmp-off')}],
  SESSION_STATUS: [{
    // "Crypto tunnel is DOWN. Peer 198.51.100.20:500 Id: 198.51.100.20" / "... Peer x.x.x.x:500 Id: x.x.x.x"
    re: addressPattern`Crypto tunnel (?:v2 )?is (UP|DOWN) ?\. ?Peer (${ADDR}):(\d+)(?: Id: (\S+))?`,
    apply: (m, c) => { ev(c, m[1] === 'UP' ? 'tunnel-up' : 'tunnel-down'); c.peer = m[2]; c.remotePort = Number(m[3]); c.reason = m[4] ? `Id: ${m[4]}` : null },
  }],
  PKT_REPLAY_ERR: [{
    re: /replay check failed(?:.*?connection id=(\d+))?(?:.*?sequence number=(\d+))?/,
    apply: (m, c) => { ev(c, 'replay', 2); c.reason = m[1] ? `connection id=${m[1]}${m[2] ? `, sequence number=${m[2]}` : ''}` : null; c.continues = !m[1] },
  }],
  RECVD_PKT_MAC_ERR: [{
    re: /mac verify failed(?: for connection id=(\d+))?/,
    apply: (m, c) => { ev(c, 'integrity-failed', 2, false); c.reason = m[1] ? `connection id=${m[1]}` : null },
  }],
  IKMP_QUERY_KEY: [{re: /Querying key pair failed/, apply: (_m, c) => ev(c, 'key-missing-local', 1, false)}],
  IKMP_INVAL_CERT: [{
    // "Certificate received from 198.51.100.20 is bad: CA request failed!"
    re: addressPattern`Certificate received from (${ADDR}) is bad: (.*)`,
    apply: (m, c) => { ev(c, 'cert-invalid', 1, false); c.peer = m[1]; c.reason = m[2] },
  }],
  CERTIFICATE_INVALID_EXPIRED: [{
    re: /The certificate \(SN: ([^)]+)\) has expired\. ?(Validity period ended on .*)?/,
    apply: (m, c) => { ev(c, 'cert-expired', 1); c.attribute = `SN ${m[1]}`; c.reason = m[2] ?? null },
  }],
  CERTIFICATE_INVALID_NOT_YET_VALID: [{
    re: /The certificate \(SN: ([^)]+)\) is not yet valid ?(Validity period starts on .*)?/,
    apply: (m, c) => { ev(c, 'cert-not-yet-valid', 1); c.attribute = `SN ${m[1]}`; c.reason = m[2] ?? null },
  }],
  CRL_FETCH_FAIL: [{
    re: /CRL fetch for trustpoint (\S+) failed(?:.*?Reason ?: ?(.*))?/,
    apply: (m, c) => { ev(c, 'crl-fetch-failed', 1); c.tunnelGroup = m[1]; c.reason = m[2] ?? null; c.continues = !m[2] },
  }],
  SOCKETSEND: [{re: /Failed to send out message to CA server/, apply: (_m, c) => ev(c, 'crl-fetch-failed', 1)}],
}

// IOS-S12: the IKEv2 session message reads like IOS-S11
SYSLOG.IKEV2_SESSION_STATUS = SYSLOG.SESSION_STATUS

const DEBUG: Pattern[] = [
  // IOS-D15 success markers
  // "ISAKMP:(1001):SA has been authenticated with 198.51.100.20" / "... with a.b.c.d"
  {re: addressPattern`SA has been authenticated with (${ADDR})`, apply: (m, c) => { ev(c, 'sa-established', 1); c.peer = m[1] }},
  {re: /New State = IKE_P1_COMPLETE/, apply: (_m, c) => ev(c, 'sa-established', 1)},
  {re: /New State = IKE_QM_PHASE2_COMPLETE/, apply: (_m, c) => ev(c, 'sa-established', 2)},
  // "ISAKMP:(1001):Successfully installed IPSEC SA (SPI:0x3C5F0A1B) on GigabitEthernet0/0" / "(SPI:0xXXXXXXXX)"
  {re: addressPattern`Successfully installed IPSEC SA \(SPI:(${SPI})\)`, apply: (m, c) => { ev(c, 'sa-established', 2); c.spi = m[1] }},
  {re: /error FALSE reason "No Error"/, apply: (_m, c) => ev(c, 'sa-established', 2)},
  {re: /atts are acceptable/, apply: (_m, c) => { ev(c, 'benign', 1); c.reason = 'atts are acceptable' }},
  // IOS-D01 policy scan (normal unless no "atts are acceptable" follows)
  {
    re: /(Encryption algorithm|Hash algorithm|Diffie-Hellman group|Proposed key length|Preshared authentication)(?: offered)?(?: but)? does not match policy/,
    apply: (m, c) => { ev(c, 'proposal-scan-miss', 1, !m[1].startsWith('Preshared')); c.attribute = m[1] },
  },
  {re: /atts are not acceptable/, apply: (_m, c) => ev(c, 'proposal-scan-miss', 1)},
  // IOS-D02
  {re: /no offers accepted/, apply: (_m, c) => ev(c, 'proposal-mismatch', 1)},
  // "ISAKMP:(1001):phase 1 SA policy not acceptable! (local 192.0.2.1 remote 198.51.100.20)"
  {re: addressPattern`phase 1 SA policy not acceptable! \(local (${ADDR}) remote (${ADDR})\)`, apply: (m, c) => { ev(c, 'proposal-mismatch', 1); c.localAddress = m[1]; c.peer = m[2] }},
  // IOS-D07
  {re: /transform proposal not supported for identity: \{ ?(.*?) ?\}/, apply: (m, c) => { ev(c, 'proposal-mismatch', 2); c.attribute = 'transform'; c.received = m[1] }},
  {re: /IPSec policy invalidated proposal with error 256/, apply: (_m, c) => { ev(c, 'proposal-mismatch', 2); c.reason = 'error 256' /* transform set or PFS: no attribute (IOS-D07) */ }},
  // "ISAKMP:(1001):phase 2 SA policy not acceptable! (local 192.0.2.1 remote <peer-ip>)"
  {re: addressPattern`phase 2 SA policy not acceptable! \(local (${ADDR}) remote (${ADDR})\)`, apply: (m, c) => { ev(c, 'proposal-mismatch', 2); c.localAddress = m[1]; c.peer = m[2] }},
  // IOS-D08
  {re: /IPSec policy invalidated proposal with error 32/, apply: (_m, c) => { ev(c, 'proxy-id-mismatch', 2); c.reason = 'error 32' }},
  {re: /map_db_find_best did not find matching map|proxy identities not supported/, apply: (_m, c) => ev(c, 'proxy-id-mismatch', 2)},
  {re: /invalid proxy IDs/, apply: (_m, c) => ev(c, 'proxy-id-mismatch', 2, false)},
  // The addresses and proxies of the quick mode under validation, once its continuation lines are joined:
  // "IPSEC(validate_proposal_request): proposal part #1, (key eng. msg.) INBOUND local= 198.51.100.20:0,
  // remote= 203.0.113.9:0, local_proxy= 10.1.1.0/255.255.255.0/256/0, remote_proxy= 10.2.2.0/..."
  // (also "(identity) local= ..., remote= ..." under "IPSEC(key_engine): request timer fired")
  {
    re: addressPattern`\((?:key eng\. msg\.|identity)\) (?:(?:INBOUND|OUTBOUND) )?local= ?(${ADDR}):\d+, remote= ?(${ADDR}):\d+(?:, local_proxy= ?(\S+?),? remote_proxy= ?([^,\s]+))?`,
    apply: (m, c) => { c.localAddress = m[1]; c.peer = m[2]; c.localProxy = m[3] ?? null; c.remoteProxy = m[4] ?? null },
  },
  // IOS-D09
  {re: /(Sending|processing) NOTIFY PROPOSAL_NOT_CHOSEN protocol 3/, apply: (m, c) => { ev(c, 'phase2-rejected', 2); c.reason = m[1] === 'Sending' ? 'sent PROPOSAL_NOT_CHOSEN' : 'received PROPOSAL_NOT_CHOSEN' }},
  {re: /error TRUE reason "(QM rejected|Delete Larval)"/, apply: (m, c) => { ev(c, 'phase2-rejected', 2); c.reason = m[1] }},
  // IOS-D03
  // "ISAKMP:(0):No pre-shared key with 198.51.100.20!" / "... with x.x.x.x!"
  {re: addressPattern`No pre-shared key with (${ADDR})`, apply: (m, c) => { ev(c, 'psk-missing', 1); c.peer = m[1] }},
  {re: /No Cert or pre-shared address key|construct_initial_message: Can not start Main mode|Failed to initialize SA/, apply: (_m, c) => ev(c, 'psk-missing', 1)},
  // IOS-D04..D06
  {re: /retransmitting phase 1 (MM_\w+)/, apply: (m, c) => { ev(c, m[1] === 'MM_NO_STATE' ? 'no-response' : 'retransmit', 1); c.reason = m[1] }},
  {re: /phase 1 packet is a duplicate|retransmitting due to retransmit phase 1/, apply: (_m, c) => { ev(c, 'retransmit', 1); c.reason = 'duplicate phase 1 packet' }},
  // 'ISAKMP:(1001):deleting SA reason "Death by retransmission P1" state (I) MM_NO_STATE (peer 198.51.100.20)'
  {re: addressPattern`reason "Death by retransmission P1" state \((?:I|R)\) (\w+) \(peer (${ADDR})\)`, apply: (m, c) => { ev(c, 'no-response', 1, false); c.reason = m[1]; c.peer = m[2] }},
  // IOS-D10 NAT detection
  {re: /His hash no match|My hash no match|NAT found, both nodes inside NAT/, apply: (m, c) => { ev(c, 'nat-detected', 1); c.reason = m[0] }},
  {re: /No NAT Found for self or peer/, apply: (_m, c) => ev(c, 'no-nat', 1)},
  {re: /Detected port floating to port = (\d+)/, apply: (m, c) => { ev(c, 'nat-detected', 1); c.remotePort = Number(m[1]) }},
  // IOS-D11, IOS-D12 noise in working negotiations
  {
    re: /peer does not do paranoid keepalives|Can not start Aggressive mode, trying Main mode|peer matches \*none\* of the profiles|Failed to find peer index node|no pre-shared key based on hostname|local preshared key found|vendor ID seems Unity\/DPD but major/,
    apply: (m, c) => { ev(c, 'benign'); c.reason = m[0] },
  },
  // IOS-D13
  {re: /is not CSDL compliant/, apply: (_m, c) => ev(c, 'compliance-blocked', 1)},
  // IOS-D14: "ISAKMP:(1001):ignoring request to send delete notify (no ISAKMP sa) src 192.0.2.1 dst 198.51.100.20 for SPI 0x3C5F0A1B"
  {
    re: addressPattern`ignoring request to send delete notify \(no ISAKMP sa\) src (${ADDR}) dst (${ADDR}) for SPI (${SPI})`,
    apply: (m, c) => { ev(c, 'delete-not-sent', 2); c.localAddress = m[1]; c.peer = m[2]; c.spi = m[3] },
  },
  // IOS-D16..D18 (IKEv2)
  {re: /NOTIFY\(NO_PROPOSAL_CHOSEN\)/, apply: (_m, c) => { ev(c, 'proposal-mismatch'); c.reason = 'NO_PROPOSAL_CHOSEN' }},
  // the same payload dump with the notify that refuses the child SA's selectors (RFC 7296 TS_UNACCEPTABLE)
  {re: /NOTIFY\(TS_UNACCEPTABLE\)/, apply: (_m, c) => { ev(c, 'ts-mismatch', 2); c.reason = 'TS_UNACCEPTABLE' }},
  {re: /IKEv2 profile not found|Profile could not be found by peer certificate|Failed to locate an item in the database/, apply: (m, c) => { ev(c, 'id-mismatch', 1); c.reason = m[0] }},
  {re: /Auth exchange failed|NOTIFY\(AUTHENTICATION_FAILED\)/, apply: (m, c) => { ev(c, 'auth-failed', 1); c.reason = m[0] }},
  {re: /Verification of peer's authentication data FAILED/, apply: (m, c) => { ev(c, 'auth-failed', 1, false); c.reason = m[0] }},
  // "IKEv2:(SESSION ID = 5,SA ID = 1):Received Packet [From 198.51.100.20:500/To 192.0.2.1:500/VRF i0:f0]"
  {re: addressPattern`Received Packet \[From (${ADDR}):(\d+)\/To (${ADDR}):`, apply: (m, c) => { c.peer = m[1]; c.remotePort = Number(m[2]); c.localAddress = m[3] }},
]

// "ISAKMP:(1001):", "ISAKMP: (1001):", "ISAKMP (0:1):", "ISAKMP-ERROR: (0):", "ISAKMP-PAK: (0):"
const ISAKMP_TAG = /^ISAKMP(?:-ERROR|-PAK)?:? ?\((?:\d+:)?(\d+)\):? ?/
// "IKEv2:(SESSION ID = 5,SA ID = 1):", "IKEv2-ERROR:(SESSION ID = 5,SA ID = 1)::", "IKEv2:(1):", "IKEv2:% "
const IKEV2_TAG = /^IKEv2(?:-ERROR)?:(?:\(SESSION ID = (\d+),SA ID = \d+\)|\((\d+)\))?:*%? ?/
// "IPSEC(ipsec_process_proposal): "
const IPSEC_TAG = /^IPSEC\((\w+)\): ?/

/** True when the body is IOS debug output (ISAKMP / IPSEC / IOS IKEv2 tags). */
/**
 * The lines IOS-XE prints under an IKEv2 "Sending Packet" / "Received Packet" debug line, without a
 * stamp or indentation: part of that message.
 *   "Initiator SPI : 5E7D0C9A81B23F44 - Responder SPI : 2A4C6E8F0B1D3F57 Message id: 1"
 *   "IKEv2 IKE_AUTH Exchange RESPONSE", "Payload contents:"
 */
const IKEV2_PACKET_LINE = /^(?:Initiator SPI ?: ?[0-9A-Fa-f]+ - Responder SPI ?: ?[0-9A-Fa-f]+(?: Message id: ?\d+)?|IKEv2 [A-Z_]+ Exchange (?:REQUEST|RESPONSE)|Payload contents:)$/

/**
 * The payload list under "Payload contents:", often pasted without its indentation: payload names only,
 * at least two of them or one notify ("VID IDi AUTH SA TSi TSr NOTIFY(INITIAL_CONTACT) NOTIFY(SET_WINDOW_SIZE)",
 * "NOTIFY(AUTHENTICATION_FAILED)", "SA KE N VID VID NOTIFY(NAT_DETECTION_SOURCE_IP)", "ENCR DELETE").
 */
const IKEV2_PAYLOAD_LIST = /^(?:NOTIFY\([A-Z0-9_]+\)|(?:SA|KE|N|VID|IDi|IDr|AUTH|TSi|TSr|CERT|CERTREQ|CFG|EAP|SK|ENCR|D|DELETE|NOTIFY\([A-Z0-9_]+\))(?:\s+(?:SA|KE|N|VID|IDi|IDr|AUTH|TSi|TSr|CERT|CERTREQ|CFG|EAP|SK|ENCR|D|DELETE|NOTIFY\([A-Z0-9_]+\)))+)$/

/** True for a line of an IKEv2 packet dump under its "Sending Packet" / "Received Packet" line (indented or not). */
export function isIkev2PacketLine(text: string): boolean {
  const t = text.trim()
  return IKEV2_PACKET_LINE.test(t) || IKEV2_PAYLOAD_LIST.test(t)
}

/**
 * Second and later lines IOS prints for one debug message, with or without their indentation:
 *   "spi 2830152093, message ID = 2407719533, sa = 0x7F1C2A55D0E8" (under "processing NOTIFY ... protocol 3")
 *   "(key eng. msg.) INBOUND local= 192.0.2.1:0, remote= 192.0.2.44:0," "local_proxy= 10.1.1.0/255.255.255.0/256/0,"
 *   "remote_proxy= ...", "protocol= ESP, transform= esp-aes esp-sha-hmac  (Tunnel)," "lifedur= 0s and 0kb,"
 *   "spi= 0x0(0), conn_id= 0, keysize= 128, flags= 0x0" (under "IPSEC(validate_proposal_request): proposal part #1,")
 */
const DEBUG_CONTINUATION = /^(?:\((?:key eng\. msg\.|identity)\) |(?:local_proxy|remote_proxy|protocol|lifedur|spi)= ?\S|spi \d+, message ID = \d+)/

/**
 * The ID payload dump of debug crypto isakmp: a head line, then one field a line, indented and without
 * a stamp (pasted also with the indentation stripped or the spaces collapsed):
 *   "ISAKMP (0:0): ID payload" / "ISAKMP:(1004):ID payload"
 *   "next-payload : 13", "type : 2", "FQDN name : spoke14.lab.example", "address : 192.0.2.1",
 *   "protocol : 17", "port : 500", "length : 27"
 */
const ID_PAYLOAD_HEAD = /^ISAKMP(?:-PAK)?:? ?\((?:\d+:)?\d+\):? ?ID payload\b/
const ID_PAYLOAD_FIELD = /^(?:next-payload|type|address|mask|FQDN name|user FQDN|dn|protocol|port|length) ?: ?\S+$/
// "ID payload next-payload : 13 type : 2 FQDN name : spoke14.lab.example protocol : 17" (the dump joined)
const ID_VALUE = /\b(FQDN name|user FQDN|address|dn) ?: ?(\S+)/
const ID_TYPE = /\btype ?: ?(\d+)/

/** True when `text` is a field of the ID payload dump that the message `headBody` (its first line's body) began. */
export function continuesIdPayload(headBody: string, text: string): boolean {
  return ID_PAYLOAD_FIELD.test(text.trim()) && ID_PAYLOAD_HEAD.test(headBody)
}

/** The identity an ID payload dump carries ("ID payload: FQDN name spoke14.lab.example"), null for any other message. */
function idPayloadValue(body: string): string | null {
  if (!ID_PAYLOAD_HEAD.test(body)) return null
  const v = ID_VALUE.exec(body)
  if (v) return `ID payload: ${v[1]} ${v[2]}`
  const t = ID_TYPE.exec(body)
  return t ? `ID payload: type ${t[1]}` : null
}

export function isDebugContinuation(text: string): boolean {
  const t = text.trim()
  return DEBUG_CONTINUATION.test(t) || isIkev2PacketLine(t)
}

/**
 * A debug line by a tag no show output prints, so it is one with or without a time stamp:
 * "ISAKMP:(1001): ...", "IPSEC(validate_proposal_request): ...", "IKEv2:(SESSION ID = 5,SA ID = 1):...",
 * "IKEv2:Searching Policy ..." (not "IKEv2:" with a blank or nothing after it: an ASA vpn-sessiondb heading).
 */
export function isTaggedIosDebug(body: string): boolean {
  return ISAKMP_TAG.test(body) || IPSEC_TAG.test(body) || /^IKEv2(?:-ERROR)?:\S/.test(body)
}

export function isIosDebug(body: string): boolean {
  // "ISAKMP: Created a peer struct for ...", "ISAKMP:received payload type 20" (NAT discovery, no space)
  return ISAKMP_TAG.test(body) || IPSEC_TAG.test(body) || /^ISAKMP(?::? |:[a-z])/.test(body) || (/^IKEv2(?:-ERROR)?:/.test(body) && !/^IKEv2-(?:PROTO|PLAT)-/.test(body))
}

/**
 * IOS-XE prints an IKEv2 error twice, once under each tag, with the same text after it:
 *   "IKEv2-ERROR:(SESSION ID = 27,SA ID = 1):: Auth exchange failed"
 *   "IKEv2:(SESSION ID = 27,SA ID = 1):Auth exchange failed"
 * The tag's kind and the text after it, for an IKEv2 debug body; null for any other.
 */
export function ikev2Twin(body: string): {error: boolean; text: string} | null {
  const m = IKEV2_TAG.exec(body)
  if (!m) return null
  const text = body.slice(m[0].length).trim()
  return text === '' ? null : {error: body.startsWith('IKEv2-ERROR'), text}
}

/** Reads an IOS syslog body ("%FAC-L-MNEMONIC: text"); null when it is not one. */
export function readIosSyslog(body: string): Classified | null {
  const tag = IOS_TAG.exec(body)
  if (!tag) return null
  const c = classified('ios-syslog', `${tag[1]}-${tag[2]}-${tag[3]}`, Number(tag[2]))
  const table = SYSLOG[tag[3]]
  if (table) runTable(table, body.slice(tag[0].length), c)
  return c
}

/** Reads an IOS debug line; the tag's conn-id is kept for attributing later lines. */
// "Received Packet [From 198.51.100.20:500/To 192.0.2.1:500/VRF i0:f0]", "Sending Packet [To 198.51.100.20:500/From 192.0.2.1:500/VRF i0:f0]",
// an address an author masked: "[From <peer-ip>:500/To ..."
const PACKET_ENDS = addressPattern`(?:Received Packet \[From|Sending Packet \[To) (${ADDR}|[^\s:/\]]+):(\d+)\/(?:To|From) (${ADDR}|[^\s:/\]]+):`

// "sending packet to 198.51.100.2 my_port 500 peer_port 4500 (I) MM_NO_STATE",
// "received packet from 198.51.100.2 dport 500 sport 500 Global (I) MM_NO_STATE" (debug crypto isakmp)
const PACKET_PEER = addressPattern`(?:sending packet to|received packet from) (${ADDR}|[^\s:/\]]+) (?:my_port \d+ peer_port (\d+)|dport \d+ sport (\d+))`

export function readIosDebug(body: string): Classified {
  let id: string | null = null
  let connId: number | null = null
  let m: RegExpExecArray | null
  if ((m = ISAKMP_TAG.exec(body))) {
    id = body.startsWith('ISAKMP-ERROR') ? 'ISAKMP-ERROR' : body.startsWith('ISAKMP-PAK') ? 'ISAKMP-PAK' : 'ISAKMP'
    connId = Number(m[1])
  } else if ((m = IKEV2_TAG.exec(body))) {
    id = body.startsWith('IKEv2-ERROR') ? 'IKEv2-ERROR' : 'IKEv2'
    if (m[1] ?? m[2]) connId = Number(m[1] ?? m[2])
  } else if ((m = IPSEC_TAG.exec(body))) id = `IPSEC(${m[1]})`
  else id = body.startsWith('ISAKMP') ? 'ISAKMP' : null
  const c = classified('ios-debug', id, null)
  c.connId = connId
  runTable(DEBUG, body, c)
  // the packet dump names both ends whatever notify it carries: the peer is the one it came From or
  // went To ("Received Packet [From 198.51.100.20:500/To 192.0.2.1:500/VRF i0:f0]", "Sending Packet [To ...")
  if (c.peer === null && (m = PACKET_ENDS.exec(body))) {
    c.peer = m[1]
    c.remotePort = Number(m[2])
    c.localAddress ??= m[3]
  }
  // an ISAKMP packet line names its peer and the peer's port, which the exchange's other lines do not
  else if (c.peer === null && (m = PACKET_PEER.exec(body))) {
    c.peer = m[1]
    c.remotePort = Number(m[2] ?? m[3])
  }
  c.reason ??= idPayloadValue(body)
  if (c.event === 'proposal-mismatch' && c.phase === null) c.phase = /IKE_AUTH/.test(body) ? 2 : /IKE_SA_INIT/.test(body) ? 1 : null
  return c
}
