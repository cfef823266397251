/**
 * pair-transform-mismatch reads three things (conditions.md pair-transform-mismatch, log-messages.md
 * IOS-D07 / ASA-04 / JUN-08): the SAs of both ends (tunnelPair), their configuration (configPair: no
 * common phase 2 proposal, or PFS that differs) and the responder's log line refusing the proposal
 * (logEvent). One fault read twice for one peer is one root under that id: the pair finding leads and
 * the others are listed under it. pair-lifetime-mismatch reads the SAs and the configuration.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const BASE = readFileSync(join(import.meta.dirname, 'fixtures', 'pair-pfs', 'ios-pfs-one-side-error-256.txt'), 'utf8')
const R2_AT = BASE.indexOf('===== R2')

const config = (host: string, peer: string, map: string, acl: string, pfs: boolean, seconds?: number) =>
  [
    `${host}#show running-config | section crypto`,
    'crypto isakmp policy 10', ' encryption aes 256', ' hash sha256', ' authentication pre-share', ' group 14',
    `crypto isakmp key ***** address ${peer}`,
    'crypto ipsec transform-set TS-AES256 esp-aes 256 esp-sha256-hmac', ' mode tunnel',
    `crypto map ${map} 10 ipsec-isakmp`, ` set peer ${peer}`, ' set transform-set TS-AES256',
    ...(pfs ? [' set pfs group14'] : []),
    ...(seconds ? [` set security-association lifetime seconds ${seconds}`] : []),
    ` match address ${acl}`, '', '',
  ].join('\n')

/** The error-256 capture with each end's crypto configuration beside its show output. */
function withConfig(r1: string, r2: string): string {
  const one = BASE.slice(0, R2_AT).replace('R1#sh crypto ipsec sa', `${r1}R1#sh crypto ipsec sa`)
  const two = BASE.slice(R2_AT).replace('R2#sh crypto ipsec sa', `${r2}R2#sh crypto ipsec sa`)
  return one + two
}

async function run(text: string) {
  const doc = await ingestText(text, {file: 'pair.txt'})
  return (await diagnose(doc, {at: '2026-11-23T12:00:00Z'})).findings
}

describe('pair-transform-mismatch over SAs, configuration and log', () => {
  it('PFS on one end in the SAs, the configuration and the log: one root, the other two listed under it', async () => {
    const findings = await run(withConfig(config('R1', '198.51.100.2', 'VPNMAP', '110', true), config('R2', '192.0.2.1', 'CMAP', 'VPN-ACL', false)))
    const mine = findings.filter((f) => f.ruleId === 'pair-transform-mismatch')
    expect(mine.map((f) => f.entity.kind).sort()).toEqual(['configPair', 'logEvent', 'tunnelPair'])
    const roots = mine.filter((f) => f.relatedTo === null)
    expect(roots.map((f) => f.entity.kind)).toEqual(['tunnelPair'])
    expect(findings[0]).toBe(roots[0])
    const cfg = mine.find((f) => f.entity.kind === 'configPair')!
    expect(cfg.message).toBe('PFS differs between the ends of R1 crypto map VPNMAP 10 <-> R2 crypto map CMAP 10: R1 PFS group14, R2 no PFS')
    expect(cfg.relatedTo).toBe(roots[0].fingerprint)
    expect(cfg.evidence.map((e) => `${e.field} ${e.value}`)).toEqual(['PFS yes group14', 'PFS no'])
    expect(mine.find((f) => f.entity.kind === 'logEvent')!.relatedTo).toBe(roots[0].fingerprint)
    // the state findings of both ends stay with that root (no finding is listed under a listed finding)
    const fingerprints = new Set(findings.filter((f) => f.relatedTo === null).map((f) => f.fingerprint))
    for (const f of findings) if (f.relatedTo !== null) expect(fingerprints.has(f.relatedTo)).toBe(true)
  })

  it('another cipher on one end while the responder logs error 256: the pair finding leads, the log line and its phase 2 finding under it', async () => {
    const r2 = BASE.slice(R2_AT).replace('TS-AES256:  { esp-256-aes esp-sha256-hmac  }', 'TS-3DES:  { esp-3des esp-sha-hmac  }').replace('PFS (Y/N): N\n\tMixed', 'PFS (Y/N): Y\n\tDH group:  group14\n\tMixed')
    const findings = await run(BASE.slice(0, R2_AT) + r2)
    const mine = findings.filter((f) => f.ruleId === 'pair-transform-mismatch')
    const pair = mine.find((f) => f.entity.kind === 'tunnelPair')!
    expect(pair.message).toContain('transform sets: R1 esp-256-aes esp-sha256-hmac, R2 esp-3des esp-sha-hmac')
    expect(mine.filter((f) => f.relatedTo === null)).toEqual([pair])
    const log = mine.find((f) => f.entity.kind === 'logEvent')!
    expect(log.relatedTo).toBe(pair.fingerprint)
    const phase2 = findings.find((f) => f.ruleId === 'ipsec-phase2-not-established' && f.device === 'R1')!
    expect(phase2.relatedTo).toBe(pair.fingerprint)
  })

  it('no common phase 2 proposal and PFS on one end in the configuration alone: one finding naming both', async () => {
    const one = config('R1', '198.51.100.2', 'VPNMAP', '110', true)
    const two = config('R2', '192.0.2.1', 'CMAP', 'VPN-ACL', false).replace('TS-AES256 esp-aes 256 esp-sha256-hmac', 'TS-AES256 esp-3des esp-sha-hmac')
    const findings = await run(`${one}\n${two}`)
    const mine = findings.filter((f) => f.ruleId === 'pair-transform-mismatch')
    expect(mine).toHaveLength(1)
    expect(mine[0].entity.kind).toBe('configPair')
    expect(mine[0].message).toMatch(/^No phase 2 proposal of R1 \(crypto map VPNMAP 10\) matches R2 \(crypto map CMAP 10\): .*; PFS differs too: R1 PFS group14, R2 no PFS$/)
    expect(mine[0].severity).toBe('error')
  })
})

describe('pair-lifetime-mismatch over the configuration', () => {
  it('lifetimes that differ in the configuration of both ends: info, with both values', async () => {
    const findings = await run(`${config('R1', '198.51.100.2', 'VPNMAP', '110', false, 28800)}\n${config('R2', '192.0.2.1', 'CMAP', 'VPN-ACL', false, 3600)}`)
    const f = findings.find((x) => x.ruleId === 'pair-lifetime-mismatch')!
    expect(f.entity.kind).toBe('configPair')
    expect(f.severity).toBe('info')
    expect(f.message).toBe('Phase 2 lifetimes differ on R1 crypto map VPNMAP 10 <-> R2 crypto map CMAP 10: R1 28800 s, R2 3600 s')
    // one finding for the one difference
    expect(findings.filter((x) => x.ruleId === 'pair-lifetime-mismatch')).toHaveLength(1)
  })
})
