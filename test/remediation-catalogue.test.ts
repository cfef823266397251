/**
 * Every command the rule pack hands to a device must exist on the device's platform: each
 * remediation, confirm and requires command of every rule, for every platform it is offered on (the
 * step's `platforms`, or every platform of its vendor), filled with placeholder values of the kind
 * the facts give, must match a form of rules/catalogue/<platform>.json. The same check runs over the
 * findings of every example in examples/ and every fixture capture, as diagnose fills them.
 */
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BUILTIN_RULES_DIR} from '../src/engine/loader.js'
import {loadRuleDir} from '../src/engine/rule-files.js'
import {findForm, loadCatalogues, matchesForm, stripComment} from '../src/engine/catalogue.js'
import {candidatePlatforms, devicePlatforms, PLATFORM_LABEL, VENDOR_PLATFORMS, type Platform} from '../src/engine/platform.js'
import {fillCommand} from '../src/engine/findings.js'
import {confirmSpec} from '../src/engine/rule.js'
import {testRemediationExamples} from '../src/engine/remediation-examples.js'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import type {Vendor} from '../src/model/index.js'

const root = join(import.meta.dirname, '..')
const pack = loadRuleDir(BUILTIN_RULES_DIR, 'builtin')
const catalogues = loadCatalogues()

/** Values of the kind each filled placeholder takes (findings.ts placeholderValues). */
const SAMPLE: Record<string, string> = {
  peer: '192.0.2.1', 'primary-peer': '192.0.2.1', 'backup-peer': '192.0.2.9', 'current-peer': '192.0.2.9', 'local-address': '198.51.100.1',
  'conn-id': '1004', 'sa-name': 'sa-hq', vpn: 'vpn-hq', index: '131073', 'service-set': 'sset-hq', rule: 'rule-hq', term: 'term-1',
  map: 'VPN', seq: '10', interface: 'GigabitEthernet0/0', acl: '101', 'transform-set': 'TS1', 'cert-id': 'cert1', 'local-cert-id': 'cert1',
  'ca-cert-id': 'Root-CA', trustpoint: 'TP1', 'ike-policy': 'pol-hq', subject: 'CN=r1', 'remote-net': '10.2.0.0/16', 'local-net': '10.1.0.0/16',
  'remote-net-acl': '10.2.0.0 0.0.255.255', 'local-net-acl': '10.1.0.0 0.0.255.255', 'remote-net-mask': '10.2.0.0 255.255.0.0',
  'local-net-mask': '10.1.0.0 255.255.0.0', 'remote-host': '10.2.1.1', 'local-host': '10.1.1.1', side: 'local side',
}

/** Confirm entries that are notes about captures, not commands ("The peer's capture: ...", "Two captures ..."). */
const isNote = (text: string) => /^[A-Z]/.test(text)

interface Offered {
  rule: string
  where: string
  platform: Platform
  command: string
}

function offered(): Offered[] {
  const out: Offered[] = []
  for (const rule of pack.rules) {
    for (const vendor of rule.vendors as Vendor[]) {
      for (const platform of VENDOR_PLATFORMS[vendor]) {
        const ok = (p?: string[]) => !p || p.includes(platform)
        for (const [i, s] of (rule.remediation[vendor] ?? []).entries())
          if (ok(s.platforms)) out.push({rule: rule.id, where: `remediation.${vendor}[${i}]`, platform, command: fillCommand(s.command, SAMPLE)})
        for (const [i, c] of (rule.confirm?.[vendor] ?? []).map(confirmSpec).entries())
          if (ok(c.platforms) && !isNote(c.command)) out.push({rule: rule.id, where: `confirm.${vendor}[${i}]`, platform, command: fillCommand(c.command, SAMPLE)})
        // requires: `junos` in a platform list means a Junos device of unknown platform.
        for (const [i, r] of (rule.requires?.[vendor] ?? []).entries())
          if (ok(r.platforms)) out.push({rule: rule.id, where: `requires.${vendor}[${i}]`, platform, command: r.command})
      }
    }
  }
  return out
}

describe('command catalogue', () => {
  it('has a catalogue per platform, each form with a listed source', () => {
    for (const [platform, cat] of catalogues) {
      expect(cat.platform).toBe(platform)
      expect(cat.commands.length).toBeGreaterThan(10)
      for (const e of cat.commands) expect(cat.sources[e.source], `${platform}: ${e.form}`).toMatch(/\w{3,}/)
    }
  })

  it('grammar: slots, optional words, alternatives, rest of line', () => {
    expect(matchesForm('show crypto ipsec sa peer 192.0.2.1 detail', 'show crypto ipsec sa peer <address> [detail]')).toBe(true)
    expect(matchesForm('show crypto ipsec sa peer 192.0.2.1', 'show crypto ipsec sa peer <address> [detail]')).toBe(true)
    expect(matchesForm('show crypto ipsec sa peer', 'show crypto ipsec sa peer <address> [detail]')).toBe(false)
    expect(matchesForm('debug crypto ipsec', 'debug crypto {isakmp|ipsec|ikev2}')).toBe(true)
    expect(matchesForm('permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255', 'permit ip <source...>')).toBe(true)
    expect(matchesForm('clear security ipsec security-associations', 'clear security ipsec security-associations index <index>')).toBe(false)
    expect(stripComment('show crypto isakmp sa (a second capture: see delta-ike-state-stuck)')).toBe('show crypto isakmp sa')
  })

  it('the commands of another platform do not match (the defects of the audit)', () => {
    const asa = catalogues.get('asa')!
    const srx = catalogues.get('junos-srx')!
    const mx = catalogues.get('junos-mx')!
    for (const wrong of ['clear crypto sa peer 198.51.100.77', 'crypto isakmp aggressive-mode disable', 'hash sha256 ', 'show ip route 10.2.0.0/24', 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac'])
      expect(findForm(asa, wrong), wrong).toBeUndefined()
    for (const wrong of ['clear ipsec security-associations 131073', 'clear security ipsec security-associations', 'clear security ike security-associations', 'set security traceoptions flag ike'])
      expect(findForm(srx, wrong), wrong).toBeUndefined()
    for (const wrong of ['set security ike gateway gw dead-peer-detection interval 10 threshold 5', 'clear ipsec security-associations sset-hq:1'])
      expect(findForm(mx, wrong), wrong).toBeUndefined()
  })

  it('every remediation, confirm and requires command of every rule matches the catalogue of each platform it is offered on', () => {
    const misses = offered()
      .filter((o) => !findForm(catalogues.get(o.platform)!, o.command))
      .map((o) => `${o.rule} ${o.where} [${o.platform}]: ${o.command}`)
    expect(misses).toEqual([])
  })

  it('a step names only platforms of its vendor, and no filled SRX clear is unscoped', () => {
    for (const o of offered()) {
      if (o.platform === 'junos-srx' && o.command.startsWith('clear security ipsec security-associations')) expect(o.command, o.rule).toMatch(/ index \S+$/)
      if (o.platform === 'junos-srx' && o.command.startsWith('clear security ike security-associations')) expect(o.command, o.rule).toMatch(/associations \S+$/)
    }
  })
})

describe('per-platform remediation examples of the rules', () => {
  const withExamples = pack.rules.filter((r) => (r.remediationExamples ?? []).length > 0)
  // Entity kinds the ASA and SRX parsers produce (src/parsers/cisco/asa-*, src/parsers/junos/show-security-*),
  // plus the two-capture and two-device entities built from them. Rules on log events are not covered here.
  const ASA_KINDS = ['ikeSa', 'ipsecFlow', 'ipsecSa', 'peerDelta', 'flowDelta', 'tunnelPair']
  const SRX_KINDS = ['certificate', 'ikeSa', 'ipsecFlow', 'ipsecSa', 'ipsecStats', 'ikeStats', 'peerDelta', 'flowDelta', 'tunnelPair']
  // Fields only legacy ES-PIC output has (es- interface family): these rules cannot fire on an SRX.
  const ES_ONLY = ['ipsec-interface-family-down', 'ipsec-sa-no-reference']
  // MM_WAIT_MSG / AM_WAIT_MSG states are printed by the ASA only.
  const ASA_ONLY = ['ike-stuck-mm-wait']
  const platformsOf = (r: (typeof pack.rules)[number]) => new Set((r.remediationExamples ?? []).map((e) => e.platform))
  it('every rule that fires on ASA facts has an ASA example, and an IOS (or IOS-XE) one beside it', () => {
    const rules = pack.rules.filter((r) => r.vendors.includes('cisco') && ASA_KINDS.includes(r.entity))
    expect(rules.length).toBeGreaterThan(40)
    const missing = rules.filter((r) => !platformsOf(r).has('asa') || (!ASA_ONLY.includes(r.id) && !platformsOf(r).has('ios') && !platformsOf(r).has('ios-xe')))
    expect(missing.map((r) => r.id)).toEqual([])
  })
  it('every rule that fires on SRX facts has an SRX example', () => {
    const rules = pack.rules.filter((r) => r.vendors.includes('junos') && SRX_KINDS.includes(r.entity) && !ES_ONLY.includes(r.id))
    expect(rules.length).toBeGreaterThan(40)
    expect(rules.filter((r) => !platformsOf(r).has('junos-srx')).map((r) => r.id)).toEqual([])
  })
  it('an ASA example hands out no IOS form and an SRX example no legacy or unscoped clear', () => {
    for (const rule of withExamples)
      for (const ex of rule.remediationExamples ?? []) {
        for (const c of ex.expectCommands) {
          if (ex.platform === 'asa') expect(c, rule.id).not.toMatch(/^(clear crypto sa |clear crypto isakmp |crypto isakmp aggressive-mode|crypto ipsec transform-set|show ip route|show access-lists|ip tcp adjust-mss|ip mtu)/)
          if (ex.platform === 'junos-srx') {
            expect(c, rule.id).not.toMatch(/^(clear (ike|ipsec) |show (ike|ipsec) |set security traceoptions|set services )/)
            if (c.startsWith('clear security ipsec security-associations')) expect(c, rule.id).toMatch(/ index \S+$/)
          }
        }
      }
  })
  it.each(withExamples.map((r) => [r.id, r] as const))('%s: exact commands per platform', async (_id, rule) => {
    expect(await testRemediationExamples(rule)).toEqual([])
  })
})

function captureFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...captureFiles(full))
    else if (name.endsWith('.txt')) out.push(full)
  }
  return out
}

describe('findings of every example and fixture', () => {
  const sets: Array<[string, string[]]> = [
    ...readdirSync(join(root, 'examples'))
      .filter((d) => d !== 'ci' && statSync(join(root, 'examples', d)).isDirectory())
      .map((d): [string, string[]] => [`examples/${d}`, captureFiles(join(root, 'examples', d))]),
    ...captureFiles(join(root, 'test', 'fixtures', 'cisco')).map((f): [string, string[]] => [f.slice(root.length + 1), [f]]),
    ...captureFiles(join(root, 'test', 'fixtures', 'junos')).map((f): [string, string[]] => [f.slice(root.length + 1), [f]]),
  ].filter(([, files]) => files.length > 0)

  it.each(sets)('%s: every command handed out matches its platform', async (_name, files) => {
    const doc = await ingestFiles(files)
    const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
    const platforms = devicePlatforms(doc)
    const misses: string[] = []
    for (const f of result.findings) {
      for (const s of f.remediation) {
        const device = s.device ?? f.device
        const on = (s.platforms as Platform[] | undefined) ?? candidatePlatforms(s.vendor, platforms.get(device) ?? null)
        for (const p of on) if (!findForm(catalogues.get(p)!, s.command)) misses.push(`${f.ruleId} [${p}] ${s.command}`)
        expect(s.command, `${f.ruleId}: ${s.command}`).not.toMatch(/peer 0\.0\.0\.0|\/\d+ source|^ping \d+\.\d+\.\d+\.\d+\/\d+/)
      }
      for (const raw of f.confirm) {
        // Two-sided findings prefix each confirm command with its device; a platform-labelled one with "[SRX] ".
        let text = raw
        let device = f.device
        const prefix = /^(\S+): /.exec(text)
        if (prefix && doc.devices.some((d) => d.name === prefix[1])) {
          device = prefix[1]
          text = text.slice(prefix[0].length)
        }
        const vendor = (doc.devices.find((d) => d.name === device)?.vendor ?? f.vendor) as Vendor
        let on: Platform[] = candidatePlatforms(vendor, platforms.get(device) ?? null)
        const label = /^\[([^\]]+)\] /.exec(text)
        if (label) {
          const names = label[1].split(', ')
          on = on.filter((p) => names.includes(PLATFORM_LABEL[p]))
          text = text.slice(label[0].length)
        }
        if (isNote(text)) continue
        for (const p of on) if (!findForm(catalogues.get(p)!, text)) misses.push(`${f.ruleId} confirm [${p}] ${text}`)
      }
    }
    expect(misses).toEqual([])
  })
})
