/** A flood of console messages inside a show output: the first ones are read, the rest counted and reported. */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import {MAX_INTERLEAVED} from '../src/ingest/split.js'
import {expectEveryLineAccounted} from './bad-input/helpers.js'

const spiLine = (i: number) =>
  `*Nov 23 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=198.51.100.1, prot=50, spi=0x${(0x1000 + i).toString(16)}(${0x1000 + i}), srcaddr=10.1.${i % 250}.${(i >> 8) % 250}`

describe('console messages inside a show output', () => {
  it('reads the first MAX_INTERLEAVED, counts the rest with one warning, and accounts every line', async () => {
    const extra = 7
    const flood = Array.from({length: MAX_INTERLEAVED + extra}, (_, i) => spiLine(i))
    const text = ['R1#show crypto isakmp sa', 'dst             src             state          conn-id slot', ...flood, '198.51.100.20   203.0.113.10    MM_NO_STATE       1004    0', 'R1#'].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.facts.ikeSa.map((f) => f.stateRaw)).toEqual(['MM_NO_STATE'])
    const read = doc.facts.logEvent.reduce((n, f) => n + f.count, 0)
    expect(read).toBe(MAX_INTERLEAVED)
    const firstAside = 3 + MAX_INTERLEAVED
    const warning = doc.diagnostics.find((d) => d.message.includes('were counted, not read'))
    expect(warning?.line).toBe(firstAside)
    expect(warning?.message).toContain(`${extra} more console message line(s) inside this output (lines ${firstAside}-${firstAside + extra - 1})`)
    expectEveryLineAccounted(doc)
  })

  it('reads them all when there are fewer, without a warning', async () => {
    const text = ['R1#show crypto isakmp sa', 'dst             src             state          conn-id slot', spiLine(1), spiLine(2), '198.51.100.20   203.0.113.10    MM_NO_STATE       1004    0'].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.facts.logEvent.reduce((n, f) => n + f.count, 0)).toBe(2)
    expect(doc.diagnostics.filter((d) => d.message.includes('were counted, not read'))).toEqual([])
    expectEveryLineAccounted(doc)
  })
})
