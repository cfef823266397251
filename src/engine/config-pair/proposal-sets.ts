/**
 * Junos predefined proposal sets (`proposal-set basic|compatible|standard|suiteb-gcm-128|...` under
 * `security ike policy` / `security ipsec policy`), expanded into their member proposals so that the
 * config-pair comparisons see the algorithms they offer. Members as listed by the Junos OS CLI
 * reference, "proposal-set (Security IKE)" and "proposal-set (Security IPsec)":
 *
 * IKE:
 *   basic          pre-g1-des-sha, pre-g1-3des-sha
 *   compatible     pre-g2-3des-sha, pre-g2-aes128-sha
 *   standard       pre-g2-aes128-sha
 *   suiteb-gcm-128 ecdsa-signatures-256, group19, aes-128-cbc, sha-256
 *   suiteb-gcm-256 ecdsa-signatures-384, group20, aes-256-cbc, sha-384
 *   prime-128      ecdsa-signatures-256, group19, aes-128-gcm (no separate integrity), sha-256 PRF
 *   prime-256      ecdsa-signatures-384, group20, aes-256-gcm, sha-384 PRF
 *   ("pre-" members use pre-shared keys: authentication is taken from the name, group and cipher too)
 *
 * IPsec:
 *   basic          nopfs-esp-des-sha, nopfs-esp-des-md5
 *   compatible     nopfs-esp-3des-sha, nopfs-esp-3des-md5, nopfs-esp-des-sha, nopfs-esp-des-md5
 *   standard       g2-esp-3des-sha, g2-esp-aes128-sha (PFS group 2)
 *   suiteb-gcm-128 esp aes-128-gcm (PFS group 19)
 *   suiteb-gcm-256 esp aes-256-gcm (PFS group 20)
 *   prime-128      esp aes-128-gcm (PFS group 19)
 *   prime-256      esp aes-256-gcm (PFS group 20)
 *
 * The PFS group a set implies is not merged into the policy's PFS (the policy fact keeps what its
 * `perfect-forward-secrecy` statement says). Release-to-release changes of the sets (older releases
 * listed md5 and des members under compatible IKE) are not modelled.
 */
import type {IkePolicy, IkeProposal, IpsecPolicy, IpsecProposal} from '../../model/index.js'
import type {RawValues} from '../../model/index.js'
import {newRaw, rawAppend, rawGet} from '../../model/raw.js'

/** The policy's "proposal-set" value, the printed origin of the proposals a set stands for. */
function proposalSetRaw(raw: RawValues): RawValues {
  const out = newRaw()
  const f = rawGet(raw, 'proposal-set')
  if (f) rawAppend(out, 'proposal-set', f.value, f.line)
  return out
}

type IkeMember = {name: string; encryption: string; integrity: string[]; prf: string[]; group: number; authentication: string}
type IpsecMember = {name: string; encryption: string; integrity: string[]}

export const IKE_PROPOSAL_SETS: Record<string, IkeMember[]> = {
  basic: [
    {name: 'pre-g1-des-sha', encryption: 'des', integrity: ['sha1'], prf: [], group: 1, authentication: 'pre-share'},
    {name: 'pre-g1-3des-sha', encryption: '3des', integrity: ['sha1'], prf: [], group: 1, authentication: 'pre-share'},
  ],
  compatible: [
    {name: 'pre-g2-3des-sha', encryption: '3des', integrity: ['sha1'], prf: [], group: 2, authentication: 'pre-share'},
    {name: 'pre-g2-aes128-sha', encryption: 'aes-128', integrity: ['sha1'], prf: [], group: 2, authentication: 'pre-share'},
  ],
  standard: [{name: 'pre-g2-aes128-sha', encryption: 'aes-128', integrity: ['sha1'], prf: [], group: 2, authentication: 'pre-share'}],
  'suiteb-gcm-128': [{name: 'suiteb-gcm-128', encryption: 'aes-128', integrity: ['sha256'], prf: [], group: 19, authentication: 'ecdsa-sig'}],
  'suiteb-gcm-256': [{name: 'suiteb-gcm-256', encryption: 'aes-256', integrity: ['sha384'], prf: [], group: 20, authentication: 'ecdsa-sig'}],
  'prime-128': [{name: 'prime-128', encryption: 'aes-gcm-128', integrity: [], prf: ['sha256'], group: 19, authentication: 'ecdsa-sig'}],
  'prime-256': [{name: 'prime-256', encryption: 'aes-gcm-256', integrity: [], prf: ['sha384'], group: 20, authentication: 'ecdsa-sig'}],
}

export const IPSEC_PROPOSAL_SETS: Record<string, IpsecMember[]> = {
  basic: [
    {name: 'nopfs-esp-des-sha', encryption: 'des', integrity: ['sha1']},
    {name: 'nopfs-esp-des-md5', encryption: 'des', integrity: ['md5']},
  ],
  compatible: [
    {name: 'nopfs-esp-3des-sha', encryption: '3des', integrity: ['sha1']},
    {name: 'nopfs-esp-3des-md5', encryption: '3des', integrity: ['md5']},
    {name: 'nopfs-esp-des-sha', encryption: 'des', integrity: ['sha1']},
    {name: 'nopfs-esp-des-md5', encryption: 'des', integrity: ['md5']},
  ],
  standard: [
    {name: 'g2-esp-3des-sha', encryption: '3des', integrity: ['sha1']},
    {name: 'g2-esp-aes128-sha', encryption: 'aes-128', integrity: ['sha1']},
  ],
  'suiteb-gcm-128': [{name: 'suiteb-gcm-128', encryption: 'aes-gcm-128', integrity: []}],
  'suiteb-gcm-256': [{name: 'suiteb-gcm-256', encryption: 'aes-gcm-256', integrity: []}],
  'prime-128': [{name: 'prime-128', encryption: 'aes-gcm-128', integrity: []}],
  'prime-256': [{name: 'prime-256', encryption: 'aes-gcm-256', integrity: []}],
}

/** "proposal-set standard" entries of a policy, as the set name. */
const setNames = (proposals: string[]) => proposals.map((p) => /^proposal-set (\S+)$/.exec(p)?.[1]).filter((x): x is string => x !== undefined)

/** Built-in IKE proposals of the proposal sets a Junos ike policy names (cited on the policy's proposal-set line). */
export function ikeSetProposals(policy: IkePolicy): IkeProposal[] {
  return setNames(policy.proposals).flatMap((set) => (IKE_PROPOSAL_SETS[set] ?? []).map((m): IkeProposal => ({
    kind: 'ikeProposal', id: `${policy.id}:proposal-set:${set}:${m.name}`, source: policy.source, raw: proposalSetRaw(policy.raw),
    name: m.name, version: null, isDefault: true, encryption: [m.encryption], integrity: m.integrity, prf: m.prf, dhGroups: [m.group], authentication: m.authentication, lifetimeSec: 28800,
  })))
}

/** Built-in IPsec proposals of the proposal sets a Junos ipsec policy names. */
export function ipsecSetProposals(policy: IpsecPolicy): IpsecProposal[] {
  return setNames(policy.proposals).flatMap((set) => (IPSEC_PROPOSAL_SETS[set] ?? []).map((m): IpsecProposal => ({
    kind: 'ipsecProposal', id: `${policy.id}:proposal-set:${set}:${m.name}`, source: policy.source, raw: proposalSetRaw(policy.raw),
    name: m.name, protocol: 'esp', encryption: [m.encryption], integrity: m.integrity, mode: 'tunnel', lifetimeSec: 3600, lifetimeKb: null,
  })))
}
