/**
 * IOS `crypto isakmp peer address|hostname X` with its `set aggressive-mode ...` lines: this end
 * initiates IKEv1 aggressive mode toward that peer. Read as an ikePolicy named by the peer, as the
 * legacy Junos ES-PIC `security ike policy <peer-address>` is, so config-aggressive-mode fires on
 * either vendor's configuration. The aggressive-mode password is a pre-shared key: only that one is
 * set is kept (`pskSet`), never its value.
 */
import type {IkePolicy} from '../../../model/index.js'
import {IdRegistry, markMasked} from '../common.js'
import type {CiscoConfigReader, Section} from './reader.js'
import {base} from './build-base.js'

export function isakmpPeerOf(r: CiscoConfigReader, s: Section, ids: IdRegistry): IkePolicy {
  const f = s.fields
  const p: IkePolicy = {kind: 'ikePolicy', id: ids.unique(`isakmp-peer:${s.name}`), ...base(r, s, f), name: s.name, proposals: [], mode: null, pskSet: null, matchLocal: []}
  // "crypto isakmp peer address 203.0.113.50 vrf CUST-A": the vrf the peer is looked up in
  const vrf = s.head.indexOf('vrf')
  if (vrf > 0 && s.head[vrf + 1] !== undefined) f.set('vrf', s.head[vrf + 1], s.start)
  for (const {words, line} of s.subs) {
    const t = words.join(' ')
    let m: RegExpExecArray | null
    // "set aggressive-mode password 7 <removed>" / "set aggressive-mode password cisco123": the key is never kept
    if (words[0] === 'set' && words[1] === 'aggressive-mode' && !f.has('mode')) f.set('mode', 'aggressive', line)
    if (/^set aggressive-mode password(?: |$)/.test(t)) {
      p.mode = 'aggressive'
      // a line cut before its key says nothing about one
      if (words[2] !== undefined) (p.pskSet = true, f.set('pre-shared-key', '(set)', line))
    }
    // "set aggressive-mode client-endpoint fqdn spoke14.lab.example" / "... client-endpoint ipv4-address 10.1.1.1"
    else if ((m = /^set aggressive-mode client-endpoint (.+)$/.exec(t))) {
      p.mode = 'aggressive'
      f.set('set aggressive-mode client-endpoint', m[1], line)
    } else if (words[0] === 'description') f.set('description', words.slice(1).join(' '), line)
    else r.acc.reject(line, 'unknown line in crypto isakmp peer')
  }
  markMasked(p, 'name')
  return p
}
