/**
 * An IOS configuration fragment an author pasted without a prompt and without any crypto line (the
 * "WAN bits": interfaces, NAT, a default route) is read as configuration: its NAT rule is a fact.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

const FRAGMENT = [
  'Config of the WAN bits now (trimmed):',
  '',
  '```',
  'interface Dialer1',
  ' mtu 1492',
  ' ip address negotiated',
  ' ip nat outside',
  '!',
  'ip nat inside source route-map NAT-RM interface Dialer1 overload',
  'ip route 0.0.0.0 0.0.0.0 Dialer1',
  '```',
]

describe('a headless IOS configuration fragment without crypto lines', () => {
  it('is read as configuration', async () => {
    const doc = await ingestText(FRAGMENT.join('\n') + '\n', {file: 'post.txt'})
    expect(doc.blocks.filter((b) => b.parser !== null).map((b) => [b.parser, b.detectedBy])).toEqual([['cisco/show-running-config', 'content']])
    expect(doc.facts.natRule).toHaveLength(1)
    expect(doc.summary.unparsedLines).toBe(0)
  })

  it('needs more than one such line', async () => {
    const doc = await ingestText(['```', 'interface Dialer1', ' mtu 1492', '```'].join('\n') + '\n', {file: 'post.txt'})
    expect(doc.blocks.filter((b) => b.parser !== null)).toEqual([])
  })
})
