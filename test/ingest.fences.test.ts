/**
 * Outputs pasted in Markdown code fences (forum posts, tickets): an author often pastes the next
 * output without its prompt in the next fence. The block's parser reads none of that fence's lines,
 * so the block is cut there and the fence read by its content; a fence its parser does read stays.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

const FENCE = '```'
const ISAKMP = ['IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status', '203.0.113.5     198.51.100.1    QM_IDLE           1004 ACTIVE']
const IPSEC_HEAD = ['interface: GigabitEthernet0/0', '    Crypto map tag: VPN, local addr 198.51.100.1', '', '   protected vrf: (none)',
  '   local  ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)', '   remote ident (addr/mask/prot/port): (10.2.0.0/255.255.255.0/0/0)', '   current_peer 203.0.113.5 port 500']
const IPSEC_COUNTERS = ['    #pkts encaps: 120, #pkts encrypt: 120, #pkts digest: 120', '    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0', '    #send errors 0, #recv errors 0']

const paste = (...parts: string[][]) => parts.flat().join('\n') + '\n'
const fenced = (lines: string[]) => [FENCE, ...lines, FENCE]

describe('outputs in code fences', () => {
  it('the next output pasted without its prompt in the next fence is read by its content', async () => {
    const doc = await ingestText(paste(['Here is the isakmp sa from the hub:', ''], fenced(['HUB#show crypto isakmp sa', ...ISAKMP]), ['', 'and the ipsec sa for that peer:', ''], fenced([...IPSEC_HEAD, ...IPSEC_COUNTERS])), {file: 'forum.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.blocks.filter((b) => b.parser !== null).map((b) => [b.parser, b.device, b.detectedBy])).toEqual([
      ['cisco/show-crypto-isakmp-sa', 'HUB', 'prompt'],
      ['cisco/show-crypto-ipsec-sa', 'HUB', 'content'],
    ])
    expect(doc.facts.ipsecFlow.map((f) => [f.remoteAddress, f.encaps, f.decaps, f.source.device])).toEqual([['203.0.113.5', 120, 0, 'HUB']])
    expect(doc.facts.ikeSa.map((f) => f.stateRaw)).toEqual(['QM_IDLE'])
  })

  it('two headless fences of two commands are read apart', async () => {
    const doc = await ingestText(paste(fenced(ISAKMP), ['', 'and the ipsec sa:', ''], fenced([...IPSEC_HEAD, ...IPSEC_COUNTERS])), {file: 'r1.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.ikeSa).toHaveLength(1)
    expect(doc.facts.ipsecFlow.map((f) => f.encaps)).toEqual([120])
  })

  it('one output continued in a second fence stays one block', async () => {
    const doc = await ingestText(paste(fenced(['R1#show crypto ipsec sa', ...IPSEC_HEAD]), ['', 'further down:', ''], fenced(IPSEC_COUNTERS)), {file: 'r1.txt'})
    const blocks = doc.blocks.filter((b) => b.parser !== null)
    expect(blocks.map((b) => [b.parser, b.detectedBy])).toEqual([['cisco/show-crypto-ipsec-sa', 'prompt']])
    expect(doc.facts.ipsecFlow.map((f) => [f.remoteAddress, f.encaps])).toEqual([['203.0.113.5', 120]])
  })

  it('a command in one fence and its output in the next stay together', async () => {
    const doc = await ingestText(paste(fenced(['R1#show crypto isakmp sa']), fenced(ISAKMP)), {file: 'r1.txt'})
    expect(doc.blocks.filter((b) => b.parser !== null).map((b) => [b.parser, b.device, b.detectedBy])).toEqual([['cisco/show-crypto-isakmp-sa', 'R1', 'prompt']])
    expect(doc.facts.ikeSa).toHaveLength(1)
  })

  it('a fence of lines no parser reads stays unparsed, reported with its lines', async () => {
    const doc = await ingestText(paste(fenced(['R1#show crypto isakmp sa', ...ISAKMP]), fenced(['frobnicate 12 quux', 'zork 7 plugh'])), {file: 'r1.txt'})
    expect(doc.summary.unparsedLines).toBe(2)
    expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.line))).toEqual([8, 9])
  })
})

describe("an author's sentence between two outputs, no fence", () => {
  const KEYRING = ['crypto ikev2 keyring KR-HUB', ' peer HUB', '  address 203.0.113.50', '  pre-shared-key local <removed>', '  pre-shared-key remote <removed>']

  it('configuration pasted after a show output and a sentence is read by its content, for the same device', async () => {
    const doc = await ingestText(paste(['BR1#show crypto isakmp sa', ...ISAKMP, '', 'The hub answers AUTHENTICATION_FAILED. Keyring on our side:'], KEYRING), {file: 'br1.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.blocks.filter((b) => b.parser !== null).map((b) => [b.parser, b.device, b.detectedBy])).toEqual([
      ['cisco/show-crypto-isakmp-sa', 'BR1', 'prompt'],
      ['cisco/show-running-config', 'BR1', 'content'],
    ])
    expect(doc.facts.ikeGateway.map((g) => [g.name, g.peers, g.source.device])).toEqual([['KR-HUB/HUB', ['203.0.113.50'], 'BR1']])
  })

  it('a sentence inside one output its parser reads on both sides stays one block', async () => {
    const doc = await ingestText(paste(['R1#show crypto ipsec sa', ...IPSEC_HEAD, '', 'and further down the counters:', ...IPSEC_COUNTERS]), {file: 'r1.txt'})
    expect(doc.blocks.filter((b) => b.parser !== null).map((b) => [b.parser, b.detectedBy])).toEqual([['cisco/show-crypto-ipsec-sa', 'prompt']])
    expect(doc.facts.ipsecFlow.map((f) => [f.encaps, f.decaps])).toEqual([[120, 0]])
  })
})

describe('a cut at a sentence in a fresh run (only the typed command\'s parsers loaded at first)', () => {
  it('loads every parser to read the later part by its content, instead of failing', async () => {
    const {execFileSync} = await import('node:child_process')
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const file = join(mkdtempSync(join(tmpdir(), 'prose-cut-')), 'br1.txt')
    writeFileSync(file, paste(['BR1#show crypto isakmp sa', ...ISAKMP, '', 'Keyring on our side:', 'crypto ikev2 keyring KR-HUB', ' peer HUB', '  address 203.0.113.50']))
    const bin = join(import.meta.dirname, '..', 'bin', 'run.js')
    const doc = JSON.parse(execFileSync(process.execPath, [bin, 'parse', '--json', file], {encoding: 'utf8'}))
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.ikeGateway.map((g: {name: string; peers: string[]}) => [g.name, g.peers])).toEqual([['KR-HUB/HUB', ['203.0.113.50']]])
  })
})
