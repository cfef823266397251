/**
 * `show crypto map` reads only its own lines (src/parsers/cisco/show-crypto-map.ts, map-entry.ts): a
 * "Label: value" line with no entry header above it makes an entry only when show crypto map prints
 * that label, so an author's note after the output stays unparsed instead of becoming a phantom
 * entry. And an aggregated posture finding counts an entry read from two outputs once.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import type {CryptoMapEntry} from '../src/model/index.js'

async function read(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'map-prose-'))
  const file = join(dir, 'ce.txt')
  writeFileSync(file, `${text}\n`)
  const doc = await ingestFiles([file])
  const out = await diagnose(doc, {now: () => new Date('2026-11-23T12:00:00Z')})
  const entries = (doc.facts.cryptoMapEntry ?? []) as CryptoMapEntry[]
  return {doc, out, entries}
}

const SHOW_MAP = `ce1#show crypto map
Crypto Map IPv4 "WAN" 10 ipsec-isakmp
  Peer = 198.51.100.30
  Extended IP access list ACL-VPN
      access-list ACL-VPN permit ip 10.8.0.0 0.0.0.255 10.9.0.0 0.0.255.255
  Current peer: 198.51.100.30
  Security association lifetime: 4608000 kilobytes/3600 seconds
  Dualstack (Y/N): N
  Responder-Only (Y/N): N
  PFS (Y/N): N
  Mixed-mode : Disabled
  Transform sets={
    TS-GCM:  { esp-gcm 256  } ,
  }
  Interfaces using crypto map WAN:
    GigabitEthernet0/0/1`

describe('show crypto map and the prose around it', () => {
  it('a note after the closing fence ("**Remote side: ASR1001 pe3, 198.51.100.30**") is no entry', async () => {
    const {entries, doc} = await read(`Notes from the ticket:\n\n\`\`\`\n${SHOW_MAP}\n\`\`\`\n\n**Remote side: ASR1001 pe3 (ESP20), 198.51.100.30 -- from the provider**\n`)
    expect(entries.map((e) => e.id)).toEqual(['mapentry:WAN:10'])
    expect(entries[0].pfs).toBe(false)
    // the note is reported unparsed or set aside as prose, never read into a fact
    const note = SHOW_MAP.split('\n').length + 7
    const cited = Object.values(doc.facts).flat().filter((f) => f.source.startLine <= note && f.source.endLine >= note)
    expect(cited).toEqual([])
  })
  it('lines a filter left without their header still make an entry when show crypto map prints their label', async () => {
    const {entries} = await read(`ce1#show crypto map | include Peer|PFS|Dualstack\n  Peer = 198.51.100.30\n  Dualstack (Y/N): N\n  PFS (Y/N): N\n  Peer = 198.51.100.31\n  PFS (Y/N): Y\nce1#`)
    expect(entries.map((e) => [e.peers, e.pfs, e.partial])).toEqual([[['198.51.100.30'], false, true], [['198.51.100.31'], true, true]])
  })
  it('an entry shown by running-config and by show crypto map counts once in crypto-pfs-disabled', async () => {
    const run = `ce1#show running-config | section crypto\ncrypto ipsec transform-set TS-GCM esp-gcm 256\n mode tunnel\ncrypto map WAN 10 ipsec-isakmp\n set peer 198.51.100.30\n set transform-set TS-GCM\n match address ACL-VPN\n crypto map WAN`
    const {out} = await read(`${run}\n\n${SHOW_MAP}\nce1#`)
    const pfs = out.findings.filter((f) => f.ruleId === 'crypto-pfs-disabled')
    expect(pfs.map((f) => f.message)).toEqual(['Crypto map WAN 10 does not use PFS'])
  })
})
