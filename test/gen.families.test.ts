/**
 * The generator's command families and platform captures are read back completely: a capture of
 * each family parses with zero unparsed lines, no warnings, and the facts its tunnels call for
 * (counted from the tunnel model, not from a parse). Small tunnel counts; no timing here (that is
 * `npm run bench`).
 */
import {describe, expect, it} from 'vitest'
import {phase1Stuck, xeIkeVersion} from '../src/gen/cisco-ike.js'
import {ciscoHasPhase2} from '../src/gen/cisco.js'
import {FAMILIES, PLATFORMS, buildDevice, captureChunks, familyChunks, manualLayoutChunks, vendorOf, type Device, type Tunnel} from '../src/gen/index.js'
import {junosHasPhase2} from '../src/gen/junos.js'
import {ingestText} from '../src/ingest/index.js'
import type {ParseDocument} from '../src/model/index.js'

const TUNNELS = 24
// a high share of faults so that every fault of the vendor shows up in 24 tunnels
const FAULTS = 0.5
const SEED = 11

type Counts = Record<string, number>

const count = (ts: readonly Tunnel[], pred: (t: Tunnel) => boolean): number => ts.filter(pred).length
const phase1Up = (t: Tunnel): boolean => !phase1Stuck(t)

/** The facts a capture of each family must give for the tunnels `ts`, by kind. */
const EXPECTED: Record<string, (ts: readonly Tunnel[]) => Counts> = {
  'ios-isakmp-sa': (ts) => ({ikeSa: ts.length}),
  'ios-ipsec-sa': (ts) => ({ipsecFlow: ts.length, ipsecSa: 2 * count(ts, ciscoHasPhase2)}),
  // one row per IKE SA that got past phase 1, two per IPsec SA pair
  'ios-engine-connections': (ts) => ({engineConnection: count(ts, phase1Up) + 2 * count(ts, ciscoHasPhase2)}),
  'ios-crypto-map': (ts) => ({cryptoMap: 1, cryptoMapEntry: ts.length}),
  'iosxe-isakmp-sa-detail': (ts) => ({ikeSa: ts.length}),
  'iosxe-ikev2-sa-detailed': (ts) => ({ikeSa: ts.length}),
  'iosxe-ipsec-sa-detail': (ts) => ({ipsecFlow: ts.length, ipsecSa: 2 * count(ts, ciscoHasPhase2)}),
  'iosxe-session-detail': (ts) => ({cryptoSession: ts.length, ipsecFlow: ts.length}),
  'asa-ikev1-sa-detail': (ts) => ({ikeSa: ts.length}),
  // the ASA prints only the crypto map entries that have SAs
  'asa-ipsec-sa': (ts) => ({ipsecFlow: count(ts, ciscoHasPhase2), ipsecSa: 2 * count(ts, ciscoHasPhase2)}),
  'asa-vpn-sessiondb-l2l': (ts) => ({vpnSession: count(ts, phase1Up)}),
  'junos-ike-sa-detail': (ts) => ({ikeSa: ts.length}),
  'junos-ipsec-sa-detail': (ts) => ({ipsecFlow: count(ts, junosHasPhase2), ipsecSa: 2 * count(ts, junosHasPhase2)}),
  'mx-ike-statistics': (ts) => ({ikeStats: count(ts, junosHasPhase2)}),
  'srx-ike-sa-detail': (ts) => ({ikeSa: ts.length}),
  'srx-ipsec-sa-detail': (ts) => ({ipsecFlow: count(ts, junosHasPhase2), ipsecSa: 2 * count(ts, junosHasPhase2)}),
  'mx-ike-sa-detail': (ts) => ({ikeSa: ts.length}),
  'mx-ipsec-sa-detail': (ts) => ({ipsecFlow: count(ts, junosHasPhase2), ipsecSa: 2 * count(ts, junosHasPhase2)}),
}

/** SRX tunnel events are dated log lines inside the SA detail: they may also be read as log events. */
const MAY_ALSO_GIVE: Record<string, string[]> = {'srx-ipsec-sa-detail': ['logEvent']}

function factCounts(doc: ParseDocument): Counts {
  const out: Counts = {}
  for (const [kind, list] of Object.entries(doc.facts)) if (list.length > 0) out[kind] = list.length
  return out
}

async function read(chunks: Iterable<string>, file: string): Promise<ParseDocument> {
  return ingestText([...chunks].join(''), {file})
}

function expectClean(doc: ParseDocument): void {
  expect(doc.blocks.flatMap((b) => b.unparsed)).toEqual([])
  expect(doc.summary.unparsedLines).toBe(0)
  expect(doc.blocks.flatMap((b) => b.warnings)).toEqual([])
  expect(doc.diagnostics.filter((d) => d.level !== 'info')).toEqual([])
}

function device(platform: (typeof PLATFORMS)[number], tunnels = TUNNELS, seed = SEED): Device {
  return buildDevice({vendor: vendorOf(platform), platform, tunnels, faults: FAULTS, seed})
}

describe('a capture of one command family', () => {
  it('has an expectation for every family', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(FAMILIES.map((f) => f.id).sort())
  })

  for (const family of FAMILIES) {
    it(`${family.id} (${family.command}) parses with no unparsed line and the expected facts`, async () => {
      const d = device(family.platform)
      expect(d.tunnels.some((t) => t.fault !== null)).toBe(true)
      const doc = await read(familyChunks(d, family.id), `${family.id}.txt`)
      expectClean(doc)
      expect(doc.blocks.map((b) => b.commandRaw)).toEqual([family.command])
      const counts = factCounts(doc)
      for (const kind of MAY_ALSO_GIVE[family.id] ?? []) delete counts[kind]
      expect(counts).toEqual(EXPECTED[family.id](d.tunnels))
    })
  }
})

describe('captures past 999 entries', () => {
  // index and conn-id columns grow to four and five digits: they must stay separate words
  for (const id of ['asa-ikev1-sa-detail', 'iosxe-isakmp-sa-detail']) {
    it(`${id}: 1,001 tunnels give 1,001 IKE SAs`, async () => {
      const family = FAMILIES.find((f) => f.id === id)!
      const doc = await read(familyChunks(device(family.platform, 1001), id), `${id}.txt`)
      expectClean(doc)
      expect(doc.facts.ikeSa).toHaveLength(1001)
    })
  }
})

describe('the phase 1 state of generated IKE SAs', () => {
  for (const id of ['ios-isakmp-sa', 'iosxe-ikev2-sa-detailed', 'asa-ikev1-sa-detail', 'junos-ike-sa-detail', 'srx-ike-sa-detail', 'mx-ike-sa-detail']) {
    it(`${id}: established exactly where phase 1 is up`, async () => {
      const family = FAMILIES.find((f) => f.id === id)!
      const d = device(family.platform)
      const doc = await read(familyChunks(d, id), `${id}.txt`)
      const up = d.vendor === 'cisco' ? phase1Up : junosHasPhase2
      expect(doc.facts.ikeSa.map((sa) => [sa.remoteAddress, sa.state === 'established'])).toEqual(d.tunnels.map((t) => [t.peerAddress, up(t)]))
    })
  }
})

describe('a whole-device capture of each platform', () => {
  for (const platform of PLATFORMS) {
    it(`${platform}: no unparsed line, one IKE SA per tunnel, the capture time`, async () => {
      const d = device(platform)
      const doc = await read(captureChunks(d), `${d.hostname}.txt`)
      expectClean(doc)
      expect(doc.facts.captureTime).toHaveLength(1)
      expect(doc.devices.map((x) => x.name)).toEqual([d.hostname])
      // IOS-XE prints IKEv1 SAs in isakmp sa detail and IKEv2 SAs in ikev2 sa detailed
      const peers = doc.facts.ikeSa.map((sa) => sa.remoteAddress).sort()
      expect(peers).toEqual(d.tunnels.map((t) => t.peerAddress).sort())
      if (platform === 'iosxe') expect(doc.facts.ikeSa.filter((sa) => sa.version === 2)).toHaveLength(count(d.tunnels, (t) => xeIkeVersion(t) === 2))
    })
  }

  it('is the same for a seed and differs with it', () => {
    for (const platform of PLATFORMS) {
      const text = (seed: number) => [...captureChunks(device(platform, 20, seed))].join('')
      expect(text(5)).toBe(text(5))
      expect(text(6)).not.toBe(text(5))
    }
  })

  it('streams in chunks of at most a few kilobytes', () => {
    for (const platform of PLATFORMS) {
      let largest = 0
      for (const c of captureChunks(device(platform, 300))) largest = Math.max(largest, c.length)
      expect(largest).toBeLessThan(8 * 1024)
    }
  })
})

describe('the manual-layout capture', () => {
  it('is one show crypto ipsec sa detail block of R1 with one flow per tunnel', async () => {
    const doc = await read(manualLayoutChunks(40), 'manual.txt')
    expectClean(doc)
    expect(doc.blocks).toHaveLength(1)
    expect(doc.blocks[0].commandRaw).toBe('show crypto ipsec sa detail')
    expect(doc.devices.map((x) => x.name)).toEqual(['R1'])
    expect(doc.facts.ipsecFlow).toHaveLength(40)
  })
})
