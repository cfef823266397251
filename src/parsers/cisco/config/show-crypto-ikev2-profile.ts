/**
 * `show crypto ikev2 profile [name]` (IOS-XE, IOS 15.x): one ikeGateway (origin ikev2-profile) per
 * profile: the peers its match identities name, local/remote identity, keyring, lifetime, DPD.
 *
 *   IKEv2 profile: PROF1
 *    Ref Count: 4
 *    Match criteria:
 *     Fvrf: global
 *     Local address/interface: none
 *     Identities:
 *      address 198.51.100.2 255.255.255.255
 *     Certificate maps: none
 *    Local identity: address 203.0.113.1
 *    Remote identity: none
 *    Local authentication method: pre-share
 *    Remote authentication method(s): pre-share
 *    EAP options: none
 *    Keyring: KR1
 *    Trustpoint(s): none
 *    Lifetime: 86400 seconds
 *    DPD: interval 10 retry-interval 2 periodic
 *    NAT-keepalive: disabled
 *    Ivrf: none
 *    Virtual-template: none
 *
 * Whether a pre-shared key is set is not printed (the keyring holds it): pskSet stays null.
 * Identity lines under "Identities:" carry no colon ("address 198.51.100.2 255.255.255.255", "fqdn
 * domain example.com", "any"). Later releases add lines after Virtual-template ("mode auto: none",
 * "AAA ... mappings: none"): they are kept as raw fields. A profile without its Keyring, Lifetime,
 * DPD or Virtual-template line is partial (cut or filtered).
 */
import {toInt} from '../../../reading/numbers.js'
import type {IkeGateway} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {IdRegistry, markMasked, RawFields, scoreLines} from '../common.js'
import {blockBase, isPartial, labelled, viewBlocks} from './view.js'

// "IKEv2 profile: PROF1"
const HEADER = /^IKEv2 profile ?: ?(\S+)$/
const REQUIRED = ['Keyring', 'Lifetime', 'DPD', 'Virtual-template']
// "address 198.51.100.2 255.255.255.255", "fqdn domain example.com", "email a@b", "key-id X", "any"
const IDENTITY = /^(address|fqdn|email|key-id|any)(?: (.+))?$/

/** "address 203.0.113.1", "fqdn vpn.example.com", "fqdn domain example.com", "email a@b" -> identity; null for "none". */
function identityOf(value: string): {type: string; value: string | null} | null {
  const w = value.split(' ')
  if (w[0] === 'none' || w[0] === '') return null
  const type = w[0] === 'email' ? 'user-fqdn' : w[0] === 'hostname' ? 'fqdn' : w[0]
  return {type, value: w[1] === 'domain' ? (w[2] ?? null) : (w[1] ?? null)}
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const b of viewBlocks(lines, acc, HEADER, null)) {
    const f = new RawFields()
    const name = b.match ? b.match[1] : '(unknown)'
    if (b.head) f.set('IKEv2 profile', name, b.head)
    const g: IkeGateway = {kind: 'ikeGateway', id: ids.unique(`gateway:ikev2-profile:${name}`), ...blockBase(ctx, b, f), name, origin: 'ikev2-profile', peers: [], ikePolicy: null,
      keyring: null, versions: [2], pskSet: null, localIdentity: null, remoteIdentity: null, localAddress: null, externalInterface: null, dpd: null, dpdInterval: null, lifetimeSec: null,
      natTraversal: null}
    const seen = new Set<string>()
    for (const line of b.lines) {
      const id = IDENTITY.exec(line.text)
      if (id) {
        // a match identity: the peer the profile answers
        f.set('match identity', line.text, line)
        acc.consume(line)
        if (id[1] === 'address' && id[2]) g.peers.push(id[2].split(' ')[0])
        if (id[1] !== 'any') g.remoteIdentity ??= identityOf(line.text)
        continue
      }
      const lv = labelled(line.text)
      if (!lv) {
        acc.reject(line, b.head ? 'unknown line in an IKEv2 profile' : 'line before any IKEv2 profile')
        continue
      }
      seen.add(lv.label)
      f.set(lv.label, lv.value, line)
      acc.consume(line)
      const v = lv.value
      if (lv.label === 'Local identity') g.localIdentity = identityOf(v)
      else if (lv.label === 'Remote identity') g.remoteIdentity = identityOf(v) ?? g.remoteIdentity
      else if (lv.label === 'Keyring' && v !== 'none' && v !== '') g.keyring = v.split(' ')[0]
      else if (lv.label === 'Lifetime') {
        const m = /^(\d+)/.exec(v)
        if (m) g.lifetimeSec = toInt(m[1])
      } else if (lv.label === 'DPD') {
        // "disabled", "interval 10 retry-interval 2 periodic", "interval 10, retry interval 2, on-demand"
        const m = /interval (\d+)/.exec(v)
        if (m) (g.dpd = true, g.dpdInterval = toInt(m[1]))
        else if (/disabled/i.test(v)) g.dpd = false
      } else if (lv.label === 'Local address/interface' && v !== 'none' && v !== '') g.localAddress = v.split(' ')[0]
    }
    if (isPartial(b, seen, REQUIRED)) g.partial = true
    markMasked(g, 'peers', 'localAddress')
    acc.add(g)
  }
  return acc.finish()
}

export const showCryptoIkev2Profile: ParserSpec = {
  id: 'cisco/show-crypto-ikev2-profile',
  vendor: 'cisco',
  command: 'show crypto ikev2 profile',
  detect: (lines) => scoreLines(lines, [HEADER], [/^Remote authentication method\(s\):/, /^Virtual-template:/]),
  parse,
}
