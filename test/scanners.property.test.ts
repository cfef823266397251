/**
 * Differential property tests: the hand-written line scanners that replaced regular expressions on
 * hot paths must read every text exactly as the patterns they replaced. The pattern versions live
 * here (or beside the scanner) as the definition; fast-check feeds both the same texts, built from
 * the characters and words that matter (separators, colons, #, digits, blanks, odd whitespace).
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {splitLabeled, splitLabeledByPattern} from '../src/parsers/cisco/common.js'
import {isDigits} from '../src/reading/numbers.js'
import {isIpv4} from '../src/parsers/cisco/ident.js'
import {parseCounterLine, spiHex} from '../src/parsers/cisco/ipsec-sa-records.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 600)

/** Text made of pieces that stress the scanners' edge cases. */
function textOf(pieces: string[], maxLength = 12): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({maxLength: 3})), {maxLength}).map((p) => p.join(''))
}

const SEPARATORS = [',', ', ', ',  ', ':', ': ', ' ', '  ', '\t', '\u00a0', '\u2028', '\ufeff', '#', '##', '(', ')']
const WORDS = ['pkts', 'encaps', 'conn id', 'flow_id', 'SW:1', 'path mtu', '1500', '0', '466', 'x', 'crypto map', 'ip mtu idb', 'Gi0/1']

/** The counter reader as it was written with split and a pattern (the definition). */
function parseCounterLineByPattern(text: string): {label: string; value: string}[] | null {
  const out: {label: string; value: string}[] = []
  for (const seg of text.trim().split(/,\s*/)) {
    if (seg === '') continue
    const s = seg.trim()
    let i = 0
    while (s.charCodeAt(i) === 35) i++
    if (i === 0) return null
    const lastSpace = Math.max(s.lastIndexOf(' '), s.lastIndexOf('\t'))
    const value = s.slice(lastSpace + 1)
    // "#pkts digest 466": the value is all digits
    if (lastSpace < i || !/^\d+$/.test(value)) return null
    let label = s.slice(i, lastSpace).trimEnd()
    if (label.endsWith(':')) label = label.slice(0, -1).trimEnd()
    out.push({label: `#${label}`, value})
  }
  return out.length > 0 ? out : null
}

/** "172.22.1.3" by pattern (the definition of isIpv4). */
function isIpv4ByPattern(text: string): boolean {
  // "172.22.1.3"
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  return m !== null && [m[1], m[2], m[3], m[4]].every((o) => Number(o) <= 255)
}

describe('hand-written scanners agree with the patterns they replaced', () => {
  it('splitLabeled reads "label: value, label value" lists like the patterns', () => {
    fc.assert(fc.property(textOf([...SEPARATORS, ...WORDS]), (text) => {
      expect(splitLabeled(text)).toEqual(splitLabeledByPattern(text))
    }), {numRuns: RUNS * 3})
    expect(splitLabeled('slot: 0, conn id: 2000, flow_id: SW:1, crypto map: VPN')).toEqual([
      {label: 'slot', value: '0'}, {label: 'conn id', value: '2000'}, {label: 'flow_id', value: 'SW:1'}, {label: 'crypto map', value: 'VPN'},
    ])
    expect(splitLabeled('path mtu 1500, ip mtu idb GigabitEthernet0/1,  ,lonely')).toEqual([
      {label: 'path mtu', value: '1500'}, {label: 'ip mtu idb', value: 'GigabitEthernet0/1'}, {label: 'lonely', value: ''},
    ])
  })

  it('parseCounterLine reads counter lines like the split-and-pattern version', () => {
    // printed spellings of the known counters (read through a table) next to odd ones (read by slicing)
    const counters = ['#pkts encaps: ', '#send errors ', '##pkts verify:', '#pkts compr. failed', '#recv errors:  ', '#pkts not compressed\t']
    fc.assert(fc.property(textOf([...SEPARATORS, ...WORDS, ...counters, ' 12', '9']), (text) => {
      expect(parseCounterLine(text)).toEqual(parseCounterLineByPattern(text))
    }), {numRuns: RUNS * 3})
    expect(parseCounterLine('    #pkts encaps: 466, #pkts encrypt: 466, #pkts digest 466')).toEqual([
      {label: '#pkts encaps', value: '466'}, {label: '#pkts encrypt', value: '466'}, {label: '#pkts digest', value: '466'},
    ])
    expect(parseCounterLine('#pkts encaps: 4x6')).toBeNull()
  })

  it('spiHex prints an SPI like toString(16), upper case, padded to eight digits', () => {
    const spi = fc.oneof(fc.integer({min: 0, max: 0xffffffff}), fc.constantFrom(0, 1, 0xff, 0x80000000, 0xffffffff))
    fc.assert(fc.property(spi, (n) => {
      expect(spiHex(n)).toBe(`0x${n.toString(16).toUpperCase().padStart(8, '0')}`)
    }), {numRuns: RUNS * 3})
    expect(spiHex(0x5a48acc4)).toBe('0x5A48ACC4')
  })

  it('isDigits accepts exactly what /^\\d+$/ accepts', () => {
    fc.assert(fc.property(textOf(['0', '7', '466', '', ' ', '\n', '\u0660', '-', '+', 'x', '1e3', '٣'], 6), (text) => {
      expect(isDigits(text)).toBe(/^\d+$/.test(text))
    }), {numRuns: RUNS * 3})
    expect(isDigits('2027668')).toBe(true)
    expect(isDigits('')).toBe(false)
  })

  it('isIpv4 accepts exactly the dotted quads the pattern accepts', () => {
    const octet = fc.oneof(fc.integer({min: 0, max: 999}).map(String), fc.constantFrom('', '0000', '01', '256', 'a', '1 '))
    const candidate = fc.oneof(
      fc.array(octet, {minLength: 1, maxLength: 6}).map((o) => o.join('.')),
      textOf(['1', '25', '255', '256', '.', '..', ' ', 'x'], 10),
    )
    fc.assert(fc.property(candidate, (text) => {
      expect(isIpv4(text)).toBe(isIpv4ByPattern(text))
    }), {numRuns: RUNS * 3})
    expect(isIpv4('172.22.1.3')).toBe(true)
    expect(isIpv4('172.22.1.256')).toBe(false)
  })
})
