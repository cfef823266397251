/**
 * A Junos device whose platform the captures do not tell gets each per-platform variant of a step,
 * tagged with the platforms it is for; the table details and the Markdown report print that tag
 * (e.g. "[SRX]"). A step valid on the device, or any step of a device whose platform is known, has none.
 */
import {describe, expect, it} from 'vitest'
import {renderMarkdown} from '../src/report/markdown.js'
import {renderTable} from '../src/report/table.js'
import {platformTag} from '../src/report/shared.js'
import {finding, sampleDoc} from './fixtures/ci/sample-docs.js'

const UNKNOWN_JUNOS = finding({
  ruleId: 'ike-down',
  fingerprint: 'fp-ike-down-gw',
  severity: 'error',
  device: 'gw1',
  vendor: 'junos',
  remediation: [
    {vendor: 'junos', command: 'ping 198.51.100.2 source 203.0.113.1', purpose: 'Check the peer is reachable', disruptive: false, device: 'gw1'},
    {vendor: 'junos', command: 'clear security ike security-associations 198.51.100.2', purpose: 'Restart the negotiation', disruptive: true, device: 'gw1', platforms: ['junos-srx']},
    {vendor: 'junos', command: 'clear ike security-associations 198.51.100.2', purpose: 'Restart the negotiation', disruptive: true, device: 'gw1', platforms: ['junos-es']},
    {vendor: 'junos', command: 'show configuration security ipsec', purpose: 'Compare proposals', disruptive: false, device: 'gw1', platforms: ['junos-srx', 'junos-es']},
  ],
})

describe('platform tag of per-platform step variants', () => {
  it('names the platforms of a labelled step, nothing for a step valid on the device', () => {
    expect(platformTag({platforms: ['asa']})).toBe(' [ASA]')
    expect(platformTag({platforms: ['junos-srx', 'junos-es']})).toBe(' [SRX, Junos legacy ES-PIC]')
    expect(platformTag({})).toBe('')
    expect(platformTag({platforms: []})).toBe('')
  })

  it('table details print the tag after the command, before the disruptive mark', () => {
    const plain = renderTable(sampleDoc([UNKNOWN_JUNOS]), {color: false})
    const details = plain.slice(plain.indexOf('Details'))
    expect(details).toContain('1. ping 198.51.100.2 source 203.0.113.1\n')
    expect(details).toContain('2. clear security ike security-associations 198.51.100.2 [SRX] [disruptive]')
    expect(details).toContain('3. clear ike security-associations 198.51.100.2 [Junos legacy ES-PIC] [disruptive]')
    expect(details).toContain('4. show configuration security ipsec [SRX, Junos legacy ES-PIC]')
  })

  it('Markdown prints the tag after the command', () => {
    const md = renderMarkdown(sampleDoc([UNKNOWN_JUNOS]))
    expect(md).toContain('1. `ping 198.51.100.2 source 203.0.113.1`: Check the peer is reachable')
    expect(md).toContain('2. `clear security ike security-associations 198.51.100.2` [SRX] **[disruptive]**: Restart the negotiation')
    expect(md).toContain('3. `clear ike security-associations 198.51.100.2` [Junos legacy ES-PIC] **[disruptive]**: Restart the negotiation')
  })
})
