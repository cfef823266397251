/**
 * A configuration pair that leaves the ends nothing to agree on (no common IKE version or proposal)
 * pins the failure of both ends toward each other: its finding leads theirs. The report keeps the
 * engine's order, so the terminal's first group is the one the engine put first, not the first
 * device name in the alphabet.
 */
import {describe, expect, it} from 'vitest'
import type {Finding} from '../src/model/index.js'
import {pinKeys} from '../src/engine/pins.js'
import {groupByRootCause} from '../src/report/shared.js'

const pair = {kind: 'configPair', id: 'cfg-pair:1', deviceA: 'hq-rtr', deviceB: 'br-srx'} as never
const derived = {values: {peer: '192.0.2.20', otherPeer: '198.51.100.5'}, evidence: {}}

describe('pinKeys', () => {
  it('a version or proposal mismatch (pair-transform-mismatch over the configuration) pins both ends toward each other', () => {
    for (const rule of ['config-pair-ike-version-mismatch', 'ike-proposal-mismatch', 'pair-transform-mismatch']) {
      expect(pinKeys(rule, pair, derived, 'hq-rtr'), rule).toEqual(['hq-rtr\u0000192.0.2.20', 'br-srx\u0000198.51.100.5'])
    }
  })

  it('ike-proposal-mismatch pins from its configuration pair branch only, not from a log line', () => {
    const log = {kind: 'logEvent', id: 'log:1'} as never
    expect(pinKeys('ike-proposal-mismatch', log, {values: {peer: '192.0.2.20'}, evidence: {}}, 'hq-rtr')).toBeUndefined()
  })

  it('a posture difference does not pin', () => {
    expect(pinKeys('pair-lifetime-mismatch', pair, derived, 'hq-rtr')).toBeUndefined()
    expect(pinKeys('config-pair-dpd-one-side', pair, derived, 'hq-rtr')).toBeUndefined()
  })
})

const finding = (ruleId: string, device: string, severity: Finding['severity'], fingerprint: string): Finding =>
  ({ruleId, device, severity, fingerprint, entity: {kind: 'ikeSa', id: fingerprint, label: fingerprint}}) as unknown as Finding

describe('groupByRootCause', () => {
  it('keeps the engine order among groups of one severity, severity first', () => {
    const findings = [
      finding('config-pair-ike-version-mismatch', 'zz-hub', 'error', 'a'),
      finding('ike-ikev2-not-ready', 'aa-branch', 'error', 'b'),
      finding('cert-expired', 'mm-spoke', 'critical', 'c'),
    ]
    expect(groupByRootCause(findings).map((g) => g.root.fingerprint)).toEqual(['c', 'a', 'b'])
  })
})
