/**
 * A rule that runs on several entity kinds reads one fault several ways: pair-proxy-id-mismatch from
 * the IPsec SAs of both ends (tunnelPair), from their configuration (configPair, what
 * config-pair-selectors-not-mirrored was) and from the responder's log (logEvent, what
 * ipsec-proxy-id-mismatch was). For one device and peer the rule is one root; the other readings are
 * listed under it (grouping.ts).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {groupFindings, type RankedFinding} from '../src/engine/grouping.js'
import {ingestText, mergeDocuments} from '../src/ingest/index.js'
import type {Finding} from '../src/model/index.js'

const example = (file: string) => readFileSync(join(import.meta.dirname, '..', 'examples', 'pair-proxy-id-mismatch', file), 'utf8').trimEnd()

const config = (host: string, local: string, peer: string, acl: string, lines: string[]) => [
  `${host}#show running-config | section crypto|interface GigabitEthernet0/0`,
  'crypto isakmp policy 10', ' encr aes 256', ' hash sha256', ' authentication pre-share', ' group 14',
  `crypto isakmp key Sup3rS3cret address ${peer}`,
  'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac', ' mode tunnel',
  'crypto map WAN-MAP 10 ipsec-isakmp', ` set peer ${peer}`, ' set transform-set TS', ` match address ${acl}`,
  'interface GigabitEthernet0/0', ` ip address ${local} 255.255.255.0`, ' crypto map WAN-MAP',
  `${host}#show access-lists ${acl}`, `Extended IP access list ${acl}`, ...lines,
].join('\n')

// HQ's first ACL line is 10.10.0.0/16, BR's mirror of it 10.10.0.0/24: the SAs and the ACLs both show it
const HQ = `${example('HQ-R2.txt')}\n${config('HQ-R2', '192.0.2.10', '192.0.2.66', 'VPN-TO-BR66', ['    10 permit ip 10.10.0.0 0.0.255.255 10.66.1.0 0.0.0.255', '    20 permit ip 10.10.50.0 0.0.0.255 10.66.50.0 0.0.0.255'])}\n`
const BR = `${example('BR-R66.txt')}\n${config('BR-R66', '192.0.2.66', '192.0.2.10', 'VPN-TO-HQ', ['    10 permit ip 10.66.1.0 0.0.0.255 10.10.0.0 0.0.0.255', '    20 permit ip 10.66.50.0 0.0.0.255 10.10.50.0 0.0.0.255'])}\n`

describe('pair-proxy-id-mismatch read from the SAs and from the configuration of both ends', () => {
  it('is one root for the device and peer, the other reading listed under it', async () => {
    const doc = mergeDocuments([await ingestText(HQ, {file: 'HQ-R2.txt'}), await ingestText(BR, {file: 'BR-R66.txt'})])
    const {findings} = await diagnose(doc, {at: '2026-11-23T09:45:00Z'})
    const proxy = findings.filter((f) => f.ruleId === 'pair-proxy-id-mismatch')
    expect(proxy.map((f) => f.entity.kind).sort()).toEqual(['configPair', 'tunnelPair'])
    const roots = proxy.filter((f) => !f.relatedTo)
    expect(roots).toHaveLength(1)
    expect(proxy.find((f) => f !== roots[0])!.relatedTo).toBe(roots[0].fingerprint)
    expect(findings.indexOf(proxy[1])).toBe(findings.indexOf(proxy[0]) + 1)
    const cfg = proxy.find((f) => f.entity.kind === 'configPair')!
    expect(cfg.message).toBe(
      'Selectors of BR-R66 crypto map WAN-MAP 10 <-> HQ-R2 crypto map WAN-MAP 10: not mirror images: BR-R66 10.66.1.0/24 -> 10.10.0.0/24, 10.66.50.0/24 -> 10.10.50.0/24, HQ-R2 10.10.0.0/16 -> 10.66.1.0/24, 10.10.50.0/24 -> 10.66.50.0/24',
    )
    expect(cfg.evidence.map((e) => e.field)).toEqual(['access-list', 'access-list', 'access-list', 'access-list'])
    const sas = proxy.find((f) => f.entity.kind === 'tunnelPair')!
    expect(sas.message).toContain('without a mirror on HQ-R2: 10.66.1.0/24 -> 10.10.0.0/24')
  })
})

const finding = (ruleId: string, device: string, kind: string, fingerprint: string): Finding =>
  ({ruleId, device, severity: 'error', fingerprint, entity: {kind, id: fingerprint, label: fingerprint}}) as unknown as Finding

describe('groupFindings: one fault read from a log line and from both ends', () => {
  it('the two-sided finding leads; the log finding and the state finding it explained go under it', () => {
    const log: RankedFinding = {finding: finding('pair-proxy-id-mismatch', 'srx-b', 'logEvent', 'log'), role: 'root-cause', peer: '192.0.2.1', ruleOrder: 5}
    const state: RankedFinding = {finding: finding('ipsec-phase2-not-established', 'srx-b', 'ikeSa', 'state'), role: 'root-cause', peer: '192.0.2.1', ruleOrder: 1}
    const pair: RankedFinding = {finding: finding('pair-proxy-id-mismatch', 'DC-R3', 'tunnelPair', 'pair'), role: 'root-cause', peer: '192.0.2.2', ruleOrder: 5, ends: ['DC-R3\u0000192.0.2.2', 'srx-b\u0000192.0.2.1']}
    const out = groupFindings([log, state, pair], new Set([state.finding]))
    expect(out.map((f) => [f.fingerprint, f.relatedTo ?? null])).toEqual([['pair', null], ['state', 'pair'], ['log', 'pair']])
  })

  it('findings of one rule and kind for other peers stay roots', () => {
    const a: RankedFinding = {finding: finding('pair-proxy-id-mismatch', 'srx-b', 'logEvent', 'a'), role: 'root-cause', peer: '192.0.2.1', ruleOrder: 5}
    const b: RankedFinding = {finding: finding('pair-proxy-id-mismatch', 'DC-R3', 'configPair', 'b'), role: 'root-cause', peer: '192.0.2.9', ruleOrder: 5, ends: ['DC-R3\u0000192.0.2.9', 'srx-c\u0000192.0.2.2']}
    const out = groupFindings([a, b])
    expect(out.every((f) => !f.relatedTo)).toBe(true)
  })
})
