/**
 * Property tests (fast-check). For every registered parser: its golden fixtures and, where the
 * generator prints that command, generated blocks, with mutations (dropped, duplicated and swapped
 * lines, shuffled columns, cut lines, injected garbage). The parser must never throw, must account
 * for every line, and its facts must validate against the model. Generated blocks must give back
 * the values they were printed from (peer address, SPI, cookies, counters). The splitter gets whole
 * generated captures with the same mutations.
 *
 * FUZZ_RUNS sets the number of runs per property (CI default below; `npm run fuzz` uses many more).
 * `npm test` runs a fixed seed, so a run is reproducible; `npm run fuzz` (FUZZ_RUNS set) draws a new
 * seed each time, and FUZZ_SEED replays the one a failure prints.
 */
import fc from 'fast-check'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ciscoEngineRows, ciscoIdentBlock, ciscoIsakmpRows, ciscoCryptoMapEntry, ciscoHasPhase2, ciscoIkeState, crypoMapSeqOf} from '../src/gen/cisco.js'
import {captureChunks, buildDevice, buildTunnel, SeededRandom, type Fault, type Tunnel} from '../src/gen/index.js'
import {junosIkeDetail, junosIkeStatistics, junosIpsecDetail} from '../src/gen/junos.js'
import {CISCO_FAULTS, JUNOS_FAULTS} from '../src/gen/tunnels.js'
import {ingestText} from '../src/ingest/index.js'
import {Fact} from '../src/model/index.js'
import {PARSERS, parserById} from '../src/parsers/registry.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../src/parsers/types.js'
import {pastedLine} from '../src/reading/paste.js'
import {expectEveryLineAccounted} from './bad-input/helpers.js'
import {goldenCases} from './helpers/golden.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 60)
/** Fixed in `npm test`; random under `npm run fuzz`; FUZZ_SEED replays a failure's seed. */
const SEED: number | undefined = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? undefined : 20261207
const TIMEOUT = Math.max(30_000, RUNS * 400)

// ---------- mutations ----------

const NASTY_TOKENS = [
  '', ' ', '\t', ':', ',', '=', '0x', '0xZZ', '-1', 'NaN', '99999999999999999999999', '4294967296', '(', ')', '{', '}', '"',
  '--More--', '%CRYPTO-4-RECVD_PKT_INV_SPI:', 'R1#', 'admin@srx>', 'spi:', 'State:', 'IKE peer', 'interface:', '255.255.255.255',
  '::', 'fe80::1', '\u00e9', '\ufffd', 'QM_IDLE', 'Matured', 'inbound esp sas:', 'Direction:', 'x'.repeat(300),
]

const garbageLine = fc.oneof(
  fc.string({maxLength: 60}),
  fc.constantFrom(...NASTY_TOKENS),
  fc.array(fc.constantFrom(...NASTY_TOKENS), {minLength: 1, maxLength: 6}).map((t) => t.join(' ')),
)

type Mutation =
  | {op: 'drop'; at: number}
  | {op: 'dup'; at: number}
  | {op: 'swap'; at: number; with: number}
  | {op: 'garbage'; at: number; text: string}
  | {op: 'shuffle'; at: number; seed: number}
  | {op: 'cut'; at: number; keep: number}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({op: fc.constant('drop' as const), at: fc.nat()}),
  fc.record({op: fc.constant('dup' as const), at: fc.nat()}),
  fc.record({op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat()}),
  fc.record({op: fc.constant('garbage' as const), at: fc.nat(), text: garbageLine}),
  fc.record({op: fc.constant('shuffle' as const), at: fc.nat(), seed: fc.nat()}),
  fc.record({op: fc.constant('cut' as const), at: fc.nat(), keep: fc.nat({max: 80})}),
)

function shuffleColumns(text: string, seed: number): string {
  const cols = text.trim().split(/\s+/)
  const rnd = new SeededRandom(seed)
  for (let i = cols.length - 1; i > 0; i--) {
    const j = rnd.int(0, i)
    ;[cols[i], cols[j]] = [cols[j], cols[i]]
  }
  return cols.join('  ')
}

export function mutate(texts: string[], mutations: Mutation[]): string[] {
  const out = [...texts]
  for (const m of mutations) {
    if (out.length === 0) {
      if (m.op === 'garbage') out.push(m.text)
      continue
    }
    const at = m.at % out.length
    if (m.op === 'drop') out.splice(at, 1)
    else if (m.op === 'dup') out.splice(at, 0, out[at])
    else if (m.op === 'swap') {
      const other = m.with % out.length
      ;[out[at], out[other]] = [out[other], out[at]]
    } else if (m.op === 'garbage') out.splice(at, 0, m.text)
    else if (m.op === 'shuffle') out[at] = shuffleColumns(out[at], m.seed)
    else out[at] = out[at].slice(0, m.keep)
  }
  return out
}

/** Lines as ingest hands them to a parser: each captured text normalized (src/reading/paste.ts). */
function toLines(texts: string[]): Line[] {
  return texts.map((text, i) => pastedLine(i + 1, text))
}

function ctxFor(parser: ParserSpec, args: string[] = []): ParseContext {
  return {file: 'fuzz.txt', device: 'dut', vendor: parser.vendor, command: parser.command, args, pipe: null, node: null}
}

/** The invariants every parse must keep, whatever the input. */
function expectSound(result: ParseResult, lines: Line[]): void {
  expect(result.consumed + result.ignored + result.unparsed.length).toBe(lines.length)
  const numbers = new Set(lines.map((l) => l.n))
  const unparsed = result.unparsed.map((u) => u.line)
  expect(new Set(unparsed).size).toBe(unparsed.length)
  for (const n of unparsed) expect(numbers.has(n)).toBe(true)
  for (const fact of result.facts) {
    const check = Fact.safeParse(fact)
    expect(check.success, check.success ? '' : `${fact.kind}: ${check.error.message}`).toBe(true)
    expect(fact.source.startLine).toBeGreaterThanOrEqual(1)
    expect(fact.source.endLine).toBeLessThanOrEqual(Math.max(1, lines.length))
  }
}

// ---------- every parser, fixtures + mutations ----------

interface Seed {
  text: string[]
  args: string[]
}

function fixtureSeeds(parserId: string): Seed[] {
  return goldenCases()
    .filter((c) => c.parserId === parserId)
    .map((c) => {
      const raw = readFileSync(c.txtPath, 'utf8')
      let args: string[] = []
      try {
        args = JSON.parse(readFileSync(c.txtPath.replace(/\.txt$/, '.ctx.json'), 'utf8')).args ?? []
      } catch {
        // no context file: no arguments
      }
      return {text: (raw.endsWith('\n') ? raw.slice(0, -1) : raw).split(/\r?\n/), args}
    })
}

describe('every parser survives mutated input', () => {
  for (const parser of PARSERS) {
    it(`${parser.id}`, {timeout: TIMEOUT}, () => {
      // a parser without fixtures yet still gets garbage-only input
      const fixtures = fixtureSeeds(parser.id)
      const seeds = fixtures.length > 0 ? fixtures : [{text: [], args: []}]
      fc.assert(
        fc.property(fc.constantFrom(...seeds), fc.array(mutation, {maxLength: 10}), (seed, mutations) => {
          const lines = toLines(mutate(seed.text, mutations))
          expectSound(parser.parse(lines, ctxFor(parser, seed.args)), lines)
        }),
        {numRuns: RUNS, seed: SEED},
      )
    })
  }
})

// ---------- generated blocks: round trip of key values ----------

const LOCAL = '198.51.100.1'

function tunnelArb(faults: readonly Fault[]): fc.Arbitrary<Tunnel> {
  return fc
    .record({
      index: fc.nat({max: 200_000}),
      seed: fc.nat(),
      fault: fc.option(fc.constantFrom(...faults), {nil: null}),
      peer: fc.ipV4(),
      inboundSpi: fc.integer({min: 256, max: 0xffffffff}),
      outboundSpi: fc.integer({min: 256, max: 0xffffffff}),
      encaps: fc.nat(),
      decaps: fc.nat(),
      sendErrors: fc.nat({max: 100_000}),
      dpdAcksMissed: fc.nat({max: 1000}),
    })
    .map((r) => ({
      ...buildTunnel(new SeededRandom(r.seed), r.index, LOCAL, r.fault),
      peerAddress: r.peer,
      inboundSpi: r.inboundSpi,
      outboundSpi: r.outboundSpi,
      encaps: r.encaps,
      decaps: r.decaps,
      sendErrors: r.sendErrors,
      dpdAcksMissed: r.dpdAcksMissed,
    }))
}

function parseWith(id: string, text: string, args: string[] = []): ParseResult {
  const parser = parserById(id)
  if (!parser) throw new Error(`parser ${id} is not registered`)
  const lines = toLines(text.replace(/\n$/, '').split('\n'))
  const result = parser.parse(lines, ctxFor(parser, args))
  expectSound(result, lines)
  return result
}

const tunnels = (faults: readonly Fault[]) => fc.array(tunnelArb(faults), {minLength: 1, maxLength: 6})
const opts = () => ({numRuns: RUNS, seed: SEED})

describe('generated Cisco blocks round-trip', () => {
  it('show crypto isakmp sa: peer, state and conn-id', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(CISCO_FAULTS), (ts) => {
        const facts = parseWith('cisco/show-crypto-isakmp-sa', [...ciscoIsakmpRows(ts)].join('')).facts.filter((f) => f.kind === 'ikeSa')
        expect(facts.map((f) => [f.remoteAddress, f.localAddress, f.stateRaw, f.connId])).toEqual(ts.map((t) => [t.peerAddress, LOCAL, ciscoIkeState(t), t.connId]))
      }),
      opts(),
    )
  })

  it('show crypto ipsec sa: peer, counters and SPIs', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(CISCO_FAULTS), (ts) => {
        const text = `interface: GigabitEthernet0/0\n    Crypto map tag: VPN-MAP, local addr. ${LOCAL}\n` + ts.map((t) => ciscoIdentBlock(t, 'VPN-MAP')).join('')
        const {facts} = parseWith('cisco/show-crypto-ipsec-sa', text)
        const flows = facts.filter((f) => f.kind === 'ipsecFlow')
        expect(flows.map((f) => [f.remoteAddress, f.encaps, f.decaps, f.sendErrors])).toEqual(ts.map((t) => [t.peerAddress, t.encaps, t.decaps, t.sendErrors]))
        const spis = facts.filter((f) => f.kind === 'ipsecSa').map((f) => [f.direction, f.spi])
        expect(spis).toEqual(ts.filter(ciscoHasPhase2).flatMap((t) => [['inbound', t.inboundSpi], ['outbound', t.outboundSpi]]))
      }),
      opts(),
    )
  })

  it('show crypto engine connections active: conn-ids and counters', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(CISCO_FAULTS), (ts) => {
        const {facts} = parseWith('cisco/show-crypto-engine-connections-active', [...ciscoEngineRows(ts, 'GigabitEthernet0/0', LOCAL)].join(''))
        const rows = facts.filter((f) => f.kind === 'engineConnection')
        const expected = ts.flatMap((t) => {
          if (t.fault === 'mm-no-state' || t.fault === 'mm-key-exch') return []
          const ike = [[t.connId, 0, 0]]
          if (!ciscoHasPhase2(t)) return ike
          return [...ike, [2000 + 2 * t.index, 0, t.decaps], [2001 + 2 * t.index, t.encaps, 0]]
        })
        expect(rows.map((r) => [r.connId, r.encrypt, r.decrypt])).toEqual(expected)
      }),
      opts(),
    )
  })

  it('show crypto map: sequence and peer of each entry', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(CISCO_FAULTS), (ts) => {
        const unique = [...new Map(ts.map((t) => [t.index, t])).values()]
        const text = unique.map((t) => ciscoCryptoMapEntry(t, 'VPN-MAP')).join('') + 'Interfaces using crypto map VPN-MAP:\n\t\tGigabitEthernet0/0\n'
        const entries = parseWith('cisco/show-crypto-map', text).facts.filter((f) => f.kind === 'cryptoMapEntry')
        expect(entries.map((e) => [e.seq, e.peers])).toEqual(unique.map((t) => [crypoMapSeqOf(t), [t.peerAddress]]))
      }),
      opts(),
    )
  })
})

describe('generated Junos blocks round-trip', () => {
  it('show ike security-associations detail: peer, cookies and state', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(JUNOS_FAULTS), (ts) => {
        const sas = parseWith('junos/show-ike-security-associations', ts.map(junosIkeDetail).join(''), ['detail']).facts.filter((f) => f.kind === 'ikeSa')
        expect(sas.map((s) => [s.remoteAddress, s.initiatorCookie, s.responderCookie, s.stateRaw])).toEqual(
          ts.map((t) => [t.peerAddress, t.initiatorCookie, t.responderCookie, t.fault === 'not-matured' ? 'Not matured' : 'Matured']),
        )
      }),
      opts(),
    )
  })

  it('show ipsec security-associations detail: names and SPIs', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(JUNOS_FAULTS), (ts) => {
        const {facts} = parseWith('junos/show-ipsec-security-associations', ts.map(junosIpsecDetail).join(''), ['detail'])
        const sas = facts.filter((f) => f.kind === 'ipsecSa')
        const expected = ts.filter((t) => t.fault !== 'not-matured').flatMap((t) => [[t.name, 'inbound', t.inboundSpi], [t.name, 'outbound', t.outboundSpi]])
        expect(sas.map((s) => [s.name, s.direction, s.spi])).toEqual(expected)
      }),
      opts(),
    )
  })

  it('show services ipsec-vpn ike statistics: peer and DPD counters', {timeout: TIMEOUT}, () => {
    fc.assert(
      fc.property(tunnels(JUNOS_FAULTS), (ts) => {
        const stats = parseWith('junos/show-services-ipsec-vpn-ike-statistics', ts.map(junosIkeStatistics).join('')).facts.filter((f) => f.kind === 'ikeStats')
        expect(stats.map((s) => [s.remoteAddress, s.dpd?.acksMissed, s.dpd?.requestsSent, s.ipsecSasCreated])).toEqual(
          ts.map((t) => [t.peerAddress, t.dpdAcksMissed, t.dpdSent, t.ipsecCreated]),
        )
      }),
      opts(),
    )
  })
})

// ---------- the splitter: whole captures ----------

describe('the splitter and ingest survive mutated captures', () => {
  const capture = fc.record({
    vendor: fc.constantFrom('cisco' as const, 'junos' as const),
    tunnels: fc.integer({min: 0, max: 5}),
    seed: fc.nat(),
  })

  it('a clean generated capture gives one block per command and one IKE SA per tunnel', {timeout: TIMEOUT}, async () => {
    await fc.assert(
      fc.asyncProperty(capture, async ({vendor, tunnels: n, seed}) => {
        const device = buildDevice({vendor, tunnels: n, faults: 0.3, seed})
        const doc = await ingestText([...captureChunks(device)].join(''), {file: 'gen.txt'})
        expectEveryLineAccounted(doc)
        expect(doc.blocks.filter((b) => b.command !== null).length).toBe(vendor === 'cisco' ? 5 : 4)
        expect(doc.facts.ikeSa.map((sa) => sa.remoteAddress)).toEqual(device.tunnels.map((t) => t.peerAddress))
        expect(doc.summary.unparsedLines).toBe(0)
      }),
      opts(),
    )
  })

  it('mutated captures never throw and every line is accounted for', {timeout: TIMEOUT}, async () => {
    await fc.assert(
      fc.asyncProperty(capture, fc.array(mutation, {maxLength: 15}), fc.constantFrom('\n', '\r\n', '\r'), async ({vendor, tunnels: n, seed}, mutations, eol) => {
        const device = buildDevice({vendor, tunnels: n, faults: 0.3, seed})
        const lines = mutate([...captureChunks(device)].join('').replace(/\n$/, '').split('\n'), mutations)
        const doc = await ingestText(lines.join(eol) + eol, {file: 'gen.txt'})
        expectEveryLineAccounted(doc)
        expect(doc.summary.lines).toBe(lines.length)
      }),
      opts(),
    )
  })
})

describe('the generator', () => {
  it('is deterministic for a seed and varies with it', () => {
    const text = (seed: number) => [...captureChunks(buildDevice({vendor: 'junos', tunnels: 30, faults: 0.3, seed}))].join('')
    expect(text(5)).toBe(text(5))
    expect(text(6)).not.toBe(text(5))
  })

  it('gives about the requested share of faults', () => {
    for (const vendor of ['cisco', 'junos'] as const) {
      const device = buildDevice({vendor, tunnels: 2000, faults: 0.1, seed: 9})
      const faulty = device.tunnels.filter((t) => t.fault !== null).length
      expect(faulty).toBeGreaterThan(150)
      expect(faulty).toBeLessThan(250)
      expect(new Set(device.tunnels.map((t) => t.peerAddress)).size).toBe(2000)
    }
  })
})
