/**
 * Cisco ASA / FTD / PIX messages: syslog ("%ASA-5-713257: Group = g, IP = p, ...") and the debug
 * output of debug crypto ikev1 / ikev2 ("[IKEv1]: IP = p, ...", "IKEv2-PROTO-1: (172): ...").
 * Entries ASA-01..ASA-25 of shared/knowledge/log-messages.md.
 */
import {isAddressLike} from '../../reading/address.js'
import {ADDR, addressPattern, SPI} from '../../reading/address-pattern.js'
import {classified, ev, runTable, type Classified, type Pattern} from './event.js'

// "%ASA-5-713257: ", "%FTD-4-750003: ", "%PIX-5-713904: ", "%ASA-auth-4-113004: "
export const ASA_TAG = /^%(ASA|FTD|PIX|FWSM)-(?:[a-z]+-)?(\d)-(\d{6}): ?/
// "[IKEv1]: ", "[IKEv1 DEBUG]: ", "[IKEv1]Group = " (ASDM, no space)
const DEBUG_TAG = /^\[(IKEv[12](?: DEBUG)?)\]:? ?/
// "IKEv2-PROTO-1: (172): ", "IKEv2-PLAT-3: "
const IKEV2_DEBUG_TAG = /^(IKEv2-(?:PROTO|PLAT)-\d):(?: \(\d+\):)? ?/
// "Group = 203.0.113.9, Username = u, IP = 203.0.113.9, " / "IP = 203.0.113.9, " / "IP = <BRANCH-IP>, "
// (the peer as printed: an address, a mask an author put there, or an ASA "name" entry such as branch-gw)
const CONTEXT = /^(?:Group = ([^,]+), )?(?:Username = [^,]*, )?IP = ([^\s,]+), ?/
// "Local:198.51.100.1:500 Remote:203.0.113.9:500 Username:Unknown "
const V2_CONTEXT = addressPattern`^Local:(${ADDR}):(\d+) Remote:(${ADDR}):(\d+) Username:(\S+) ?`

// 602303 / 602304: "A LAN-to-LAN SA (SPI= 0x3C5F0A1B) between 192.0.2.1 and 198.51.100.20 (user= 198.51.100.20) has been created."
// (masked: "(SPI= 0xXXXXXXXX) between 192.0.2.1 and x.x.x.x")
const LAN_TO_LAN_SA = addressPattern`An? (inbound|outbound) LAN-to-LAN SA \(SPI= ?(${SPI})\) between (${ADDR}) and (${ADDR})`
// 402119 / 402120: "Received an ESP packet (SPI= 0x3C5F0A1B, sequence number= 0x5) from 198.51.100.20 (user= 198.51.100.20) to 192.0.2.1 ..."
const SPI_SEQUENCE_FROM = addressPattern`\(SPI= ?(${SPI}), sequence number= ?(\S+?)\) from (${ADDR})`

const proxyMismatch = (c: Classified) => ev(c, 'proxy-id-mismatch', 2)

const BY_ID: Record<string, Pattern[]> = {
  '713041': [{
    // "IKE Initiator: New Phase 2, Intf inside, IKE Peer 203.0.113.9  local Proxy Address 10.8.0.0, ..." (peer as printed, masks too)
    re: /IKE Initiator: (?:New|Rekey) Phase (\d), Intf (\S+), IKE Peer (\S+) +local Proxy Address (\S+), remote Proxy Address (\S+?),/,
    apply: (m, c) => { ev(c, 'negotiation-started', m[1] === '2' ? 2 : 1); c.peer = m[3]; c.localProxy = m[4]; c.remoteProxy = m[5] },
  }],
  '713042': [{re: /IKE Initiator unable to find policy/, apply: (_m, c) => ev(c, 'crypto-map-incomplete', 2)}],
  '713257': [{
    re: /Phase (\d) failure: Mismatched attribute types for class ([\w ]+?): Rcv'd: (.+?) Cfg'd: (.+?)\s*$/,
    apply: (m, c) => { ev(c, 'proposal-mismatch', m[1] === '2' ? 2 : 1); c.attribute = m[2]; c.received = m[3]; c.configured = m[4] },
  }],
  '713048': [{
    re: /Error processing payload: Payload ID: (\d+)/,
    apply: (m, c) => {
      if (m[1] === '1') ev(c, 'proposal-mismatch', 1)
      else if (m[1] === '8') ev(c, 'psk-mismatch', 1, false)
      else if (m[1] === '5') ev(c, 'id-mismatch', 1, false)
      c.reason = `payload ID ${m[1]}`
    },
  }],
  '713902': [
    {re: /QM FSM error/, apply: (_m, c) => { ev(c, 'phase2-rejected', 2); c.reason = 'QM FSM error' }},
    {re: /Removing peer from (correlator|peer) table failed/, apply: (m, c) => { ev(c, 'cleanup', m[1] === 'peer' ? 1 : 2); c.reason = m[0] }},
  ],
  '713903': [
    {re: /Information Exchange processing failed/, apply: (_m, c) => ev(c, 'sa-out-of-sync', 1, false)},
    {re: /Unable to remove PeerTblEntry/, apply: (_m, c) => ev(c, 'cleanup', 1, false)},
  ],
  '713904': [
    {re: /Received an un-encrypted INVALID_COOKIE notify message/, apply: (_m, c) => { ev(c, 'psk-missing', 1); c.reason = 'the peer answered INVALID_COOKIE: it has no tunnel or key for this side' }},
    {re: /Received encrypted packet with no matching SA/, apply: (_m, c) => ev(c, 'sa-out-of-sync', 1)},
  ],
  '713061': [{
    re: /no matching crypto map entry for remote proxy (\S+) local proxy (\S+)(?: on interface (\S+))?/,
    apply: (m, c) => { proxyMismatch(c); c.remoteProxy = m[1]; c.localProxy = m[2] },
  }, {
    // "Crypto Map Policy not found for Src:10.1.1.5, Dst: 10.2.2.5"
    re: addressPattern`Crypto Map Policy not found for Src:(${ADDR}), Dst: ?(${ADDR})`,
    apply: (m, c) => { proxyMismatch(c); c.remoteProxy = m[1]; c.localProxy = m[2] },
  }],
  '713259': [{re: /Reason: crypto map policy not found/i, apply: (_m, c) => { proxyMismatch(c); c.reason = 'crypto map policy not found' }}],
  '751022': [{
    re: /Crypto Map Policy not found for remote traffic selector (\S+) local traffic selector (\S+?)!?\s*$/,
    apply: (m, c) => { ev(c, 'ts-mismatch', 2); c.remoteProxy = m[1]; c.localProxy = m[2] },
  }],
  '713068': [{
    re: /Received non-routine Notify message: (.+?) \((\d+)\)/,
    apply: (m, c) => {
      if (m[2] === '14') ev(c, 'proposal-mismatch')
      else if (m[2] === '18') ev(c, 'proxy-id-mismatch', 2)
      c.reason = `${m[1]} (${m[2]})`
    },
  }],
  '713117': [{re: /Received Invalid SPI notify \(SPI (\S+?)\)/, apply: (m, c) => { ev(c, 'invalid-spi', 2, false); c.spi = m[1] }}],
  '402114': [{
    // "Received an ESP packet (SPI= 0x3C5F0A1B) from 198.51.100.20 to 192.0.2.1 with an invalid SPI." (or "SPI= 0xXXXXXXXX", "from x.x.x.x")
    re: addressPattern`Received an? (?:ESP|AH) packet \(SPI= ?(${SPI})\) from (${ADDR}) to (${ADDR})`,
    apply: (m, c) => { ev(c, 'invalid-spi', 2, false); c.spi = m[1]; c.peer = m[2]; c.localAddress = m[3] },
  }],
  '402101': [{
    // "decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=esp, spi=0x3C5F0A1B"
    re: addressPattern`invalid spi for destaddr=(${ADDR}), prot=(\w+), spi=(${SPI})`,
    apply: (m, c) => { ev(c, 'invalid-spi', 2); c.localAddress = m[1]; c.spi = m[3] },
  }],
  '713119': [{re: /PHASE 1 COMPLETED/, apply: (_m, c) => ev(c, 'sa-established', 1)}],
  '713120': [{re: /PHASE 2 COMPLETED/, apply: (_m, c) => ev(c, 'sa-established', 2)}],
  '713049': [{
    // "Security negotiation complete for LAN-to-LAN Group (198.51.100.20)  Initiator, Inbound SPI = 0x11112222, Outbound SPI = 0x3C5F0A1B"
    re: addressPattern`Security negotiation complete for LAN-to-LAN Group \(([^)]+)\) +(Initiator|Responder), Inbound SPI = (${SPI}), Outbound SPI = (${SPI})`,
    apply: (m, c) => { ev(c, 'sa-established', 2); c.tunnelGroup = m[1]; c.spi = m[4]; c.reason = m[2] },
  }],
  '602303': [{
    re: LAN_TO_LAN_SA,
    apply: (m, c) => { ev(c, 'sa-established', 2); c.spi = m[2]; c.reason = m[1] },
  }],
  '602304': [{
    re: LAN_TO_LAN_SA,
    apply: (m, c) => { ev(c, 'sa-deleted', 2); c.spi = m[2]; c.reason = m[1] },
  }],
  '750006': [{re: /IKEv2 SA UP/, apply: (_m, c) => ev(c, 'sa-established', 1)}],
  '713123': [{re: /IKE lost contact with remote peer(?:.*keepalive type: (\w+))?/, apply: (m, c) => { ev(c, 'dpd-peer-dead', 1); c.reason = m[1] ? `keepalive type ${m[1]}` : null }}],
  '713136': [{re: /IKE session establishment timed out \[(\w+)\]/, apply: (m, c) => { ev(c, 'negotiation-timeout', 1, false); c.reason = m[1] }}],
  '713201': [{re: /Duplicate Phase 1 packet detected/, apply: (_m, c) => ev(c, 'retransmit', 1, false)}],
  '713138': [{
    re: /Group (\S+) not found and BASE GROUP default preshared key not configured/,
    apply: (m, c) => { ev(c, 'tunnel-group-missing', 1); c.tunnelGroup = m[1]; if (isAddressLike(m[1])) c.peer = m[1] /* a group named by its peer's address, printed or masked */ },
  }],
  '751002': [{re: /No preshared key or trustpoint configured for self in tunnel group (\S+)/, apply: (m, c) => { ev(c, 'psk-missing', 1); c.tunnelGroup = m[1] }}],
  '751009': [{re: /Unable to find tunnel group for peer/, apply: (_m, c) => ev(c, 'tunnel-group-missing', 1)}],
  '713172': [{
    re: /Remote end (is|is NOT) behind a NAT device This end (is|is NOT) behind a NAT device/i,
    apply: (m, c) => {
      const remote = m[1].toLowerCase() === 'is'
      const self = m[2].toLowerCase() === 'is'
      ev(c, remote || self ? 'nat-detected' : 'no-nat', 1)
      c.reason = `remote end ${remote ? 'behind' : 'not behind'} NAT, this end ${self ? 'behind' : 'not behind'} NAT`
    },
  }],
  // "IKE peer does not match remote peer as defined in L2L policy IKE peer address: 198.51.100.20"
  '713187': [{re: addressPattern`IKE peer does not match remote peer as defined in L2L policy(?:.*?IKE peer address: (${ADDR}))?`, apply: (m, c) => { ev(c, 'peer-address-mismatch', 1, false); if (m[1]) c.peer = m[1] }}],
  '713050': [{re: /Reason: (.+?)(?: Remote Proxy (\S+), Local Proxy (\S+))?\s*$/, apply: (m, c) => { ev(c, 'teardown'); c.reason = m[1]; c.remoteProxy = m[2] ?? null; c.localProxy = m[3] ?? null }}],
  '713194': [{re: /Sending (?:IKE|IPsec) Delete With Reason message: (.+)/, apply: (m, c) => { ev(c, 'teardown'); c.reason = m[1] }}],
  '113019': [{
    re: /Reason: (.+)$/,
    apply: (m, c) => { if (/crypto map policy not found/i.test(m[1])) proxyMismatch(c); else ev(c, 'teardown'); c.reason = m[1] },
  }],
  '402116': [{
    // "... from 198.51.100.20 (user= 198.51.100.20) to 192.0.2.1. ... local proxy as 10.1.0.0/255.255.0.0/0/0 and its remote proxy as 10.2.0.0/255.255.0.0/0/0."
    re: addressPattern`from (${ADDR}) \(user= ?[^)]*\) to (${ADDR}).*?local proxy as (\S+) and its remote proxy as (\S+?)\.?\s*$`,
    apply: (m, c) => { ev(c, 'policy-mismatch-decap', 2); c.peer = m[1]; c.localAddress = m[2]; c.localProxy = m[3]; c.remoteProxy = m[4] },
  }],
  // "Received a non-IPsec (ESP) packet from 198.51.100.20 to 192.0.2.1." (or "from [REDACTED]")
  '402117': [{re: addressPattern`Received a non-IPsec \((\w+)\) packet from (${ADDR}) to (${ADDR})`, apply: (m, c) => { ev(c, 'cleartext-received', 2, false); c.reason = m[1]; c.peer = m[2]; c.localAddress = m[3] }}],
  '402119': [{re: SPI_SEQUENCE_FROM, apply: (m, c) => { ev(c, 'replay', 2); c.spi = m[1]; c.peer = m[3] }}],
  '402120': [{re: SPI_SEQUENCE_FROM, apply: (m, c) => { ev(c, 'integrity-failed', 2); c.spi = m[1]; c.peer = m[3] }}],
  '402123': [{re: /hardware accelerator encountered an error/, apply: (_m, c) => ev(c, 'engine-error', null, false)}],
  '750002': [{re: /Received a IKE_INIT_SA request/, apply: (_m, c) => ev(c, 'negotiation-started', 1)}],
  '750003': [{re: /Negotiation aborted due to ERROR: (.+?)\s*$/, apply: (m, c) => { c.reason = m[1]; abortReason(m[1], c) }}],
  '752006': [{re: /Map Tag = (\S+?)\. Map Sequence Number = (\d+)/, apply: (m, c) => { ev(c, 'crypto-map-incomplete', 2); c.tunnelGroup = `${m[1]} ${m[2]}` }}],
  '752015': [{re: /All configured IKE versions failed to establish the tunnel/, apply: (m, c) => { ev(c, 'mode-failure'); c.reason = m[0] }}],
  '717055': [{re: /certificate in the trustpoint (\S+) has expired/, apply: (m, c) => { ev(c, 'cert-expired', 1); c.tunnelGroup = m[1] }}],
  '717054': [{re: /certificate in the trustpoint (\S+) is due to expire in (\d+) days/, apply: (m, c) => { ev(c, 'cert-expiring', 1); c.tunnelGroup = m[1]; c.reason = `${m[2]} days` }}],
  '717009': [{re: /Certificate validation failed\.(?: Reason: (.+))?/, apply: (m, c) => { ev(c, 'cert-invalid', 1, false); c.reason = m[1] ?? null }}],
  '717027': [{re: /Certificate chain failed validation\.? ?(.*)/, apply: (m, c) => { ev(c, 'cert-invalid', 1, false); c.reason = m[1] || null }}],
}

/** 750003 reasons (ASA-22). */
function abortReason(reason: string, c: Classified): void {
  if (/Failed to locate an item in the database/i.test(reason)) ev(c, 'id-mismatch', 1)
  else if (/no IPSEC policy found for received TS/i.test(reason)) ev(c, 'ts-mismatch', 2)
  else if (/Failed to authenticate the IKE SA/i.test(reason)) ev(c, 'auth-failed', 1)
  else if (/Failed to receive the AUTH msg/i.test(reason)) ev(c, 'negotiation-timeout', 1)
  else if (/proposal/i.test(reason)) ev(c, 'proposal-mismatch', 1, false)
}

/** Message texts that carry their meaning without an id: ASA debug output and id-less `show logging` copies. */
const TEXT: Pattern[] = [
  {re: /All IPSec SA proposals found unacceptable/, apply: (_m, c) => { ev(c, 'proposal-mismatch', 2); c.attribute = 'transform' }},
  {re: /All SA proposals found unacceptable/, apply: (_m, c) => ev(c, 'proposal-mismatch', 1, false)},
  {re: /Mismatched attribute types for class/, apply: (_m, c) => runTable(BY_ID['713257'], _m.input, c)},
  {re: /Rejecting IPSec tunnel: no matching crypto map entry/, apply: (m, c) => runTable(BY_ID['713061'], m.input, c)},
  {re: /Received an un-encrypted INVALID_COOKIE|Received encrypted packet with no matching SA/, apply: (m, c) => runTable(BY_ID['713904'], m.input, c)},
  {re: /IKE lost contact with remote peer/, apply: (m, c) => runTable(BY_ID['713123'], m.input, c)},
  {re: /PHASE 1 COMPLETED/, apply: (_m, c) => ev(c, 'sa-established', 1)},
  {re: /PHASE 2 COMPLETED/, apply: (_m, c) => ev(c, 'sa-established', 2)},
  {re: /QM FSM error/, apply: (_m, c) => { ev(c, 'phase2-rejected', 2); c.reason = 'QM FSM error' }},
  // ASA-25: debug crypto ikev2 protocol/platform
  {re: /Peer ID check failed|Failed to locate an item in the database/, apply: (m, c) => { ev(c, 'id-mismatch', 1); c.reason = m[0] }},
  {re: /Computed authentication value for peer differs from what peer sent/, apply: (m, c) => { ev(c, 'psk-mismatch', 1); c.reason = m[0] }},
  {re: /Verify auth failed|Auth exchange failed|Peer authentication method configured is mismatching/, apply: (m, c) => { ev(c, 'auth-failed', 1); c.reason = m[0] }},
  {re: /Failed to find a matching policy|Received no proposal chosen notify/, apply: (m, c) => { ev(c, 'proposal-mismatch', 1); c.reason = m[0] }},
  {re: /Retransmitting packet/, apply: (_m, c) => ev(c, 'retransmit', 1)},
  {re: /unable to set self auth method/, apply: (m, c) => { ev(c, 'psk-missing', 1); c.reason = m[0] }},
  {re: /Crypto map (\S+) seq (\d+) is incomplete/, apply: (m, c) => { ev(c, 'crypto-map-incomplete', 2); c.tunnelGroup = `${m[1]} ${m[2]}` }},
]

/** True when the body is ASA syslog or ASA debug output. */
export function isAsa(body: string): boolean {
  return ASA_TAG.test(body) || DEBUG_TAG.test(body) || IKEV2_DEBUG_TAG.test(body)
}

/** Reads an ASA/FTD/PIX body; null when it is not one. */
export function readAsa(body: string): Classified | null {
  let c: Classified
  let rest: string
  let m: RegExpExecArray | null
  if ((m = ASA_TAG.exec(body))) {
    c = classified('asa-syslog', `${m[1]}-${m[2]}-${m[3]}`, Number(m[2]))
    rest = body.slice(m[0].length)
  } else if ((m = DEBUG_TAG.exec(body)) || (m = IKEV2_DEBUG_TAG.exec(body))) {
    c = classified('asa-debug', m[1], null)
    rest = body.slice(m[0].length)
  } else return null
  const ctx = CONTEXT.exec(rest)
  if (ctx) {
    c.tunnelGroup = ctx[1] ?? null
    c.peer = ctx[2]
    rest = rest.slice(ctx[0].length)
  } else {
    const v2 = V2_CONTEXT.exec(rest)
    if (v2) {
      c.localAddress = v2[1]
      c.peer = v2[3]
      c.remotePort = Number(v2[4])
      rest = rest.slice(v2[0].length)
    }
  }
  const table = c.family === 'asa-syslog' ? BY_ID[c.messageId!.slice(-6)] : undefined
  if (!(table && runTable(table, rest, c))) runTable(TEXT, rest, c)
  return c
}
