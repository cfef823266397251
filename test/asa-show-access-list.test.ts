/**
 * ASA `show access-list NAME` (blind IOS<->ASA pair): an object(-group) entry is replaced by its
 * expansion lines (same line number), so the crypto ACL holds the concrete networks once each.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

const FILE = join(import.meta.dirname, 'fixtures', 'field', 'asa-show-access-list-crypto-acl.txt')

describe('ASA show access-list', () => {
  it('keeps the expansion of an object-group entry, not the entry itself, and no remark', async () => {
    const doc = await ingestText(readFileSync(FILE, 'utf8'), {file: 'acl.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    const acl = doc.facts.accessList.find((f) => f.name === 'ACL-BRANCH')
    expect(acl?.entries.map((e) => [e.seq, e.source, e.destination])).toEqual([
      [2, '10.20.0.0/16', '10.1.1.0/24'],
      [3, '10.30.0.0/24', '10.1.2.0/24'],
    ])
  })
})
