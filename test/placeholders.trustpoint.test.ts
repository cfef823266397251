/**
 * `<trustpoint>` in remediation is filled from the fact that names the trustpoint: a trustpoint
 * status row (its name), a certificate (its first trustpoint), a log line about a trustpoint (IOS CRL
 * fetch, ASA 717054/717055, kept in tunnelGroup); never from a tunnel group of another event.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {placeholderValues} from '../src/engine/findings.js'
import {ingestText} from '../src/ingest/index.js'
import type {Fact} from '../src/model/index.js'
import {newRaw} from '../src/model/raw.js'

const none = {values: {}, evidence: {}} as unknown as Parameters<typeof placeholderValues>[1]
const src = {file: 'r1.txt', startLine: 1, endLine: 1, command: 'show logging', device: 'R1', vendor: 'cisco' as const}
const logEvent = (event: string, tunnelGroup: string) => ({kind: 'logEvent', id: 'x', source: src, raw: newRaw(), event, tunnelGroup}) as unknown as Fact

describe('<trustpoint> placeholder', () => {
  it('a log line about a trustpoint fills it; a tunnel-group event does not', () => {
    expect(placeholderValues(logEvent('crl-fetch-failed', 'TP-CA'), none).trustpoint).toBe('TP-CA')
    expect(placeholderValues(logEvent('cert-expired', 'ASA-ID'), none).trustpoint).toBe('ASA-ID')
    expect(placeholderValues(logEvent('psk-missing', '203.0.113.9'), none).trustpoint).toBeUndefined()
  })

  it('show crypto pki trustpoints status: cert-trustpoint-not-ok tells to authenticate and enroll that trustpoint', async () => {
    const text = [
      'R1#show crypto pki trustpoints status', 'Trustpoint VPN-TP:', 'Issuing CA certificate configured:', 'Router General Purpose certificate not configured.', 'State:',
      'Keys generated ............. Yes (General Purpose, non-exportable)', 'Issuing CA authenticated ....... Yes', 'Certificate request(s) ..... None', 'R1#',
    ].join('\n')
    const result = await diagnose(await ingestText(text, {file: 'r1.txt'}), {at: '2026-12-01T00:00:00Z'})
    const f = result.findings.find((x) => x.ruleId === 'cert-trustpoint-not-ok')
    expect(f?.remediation.map((r) => r.command)).toEqual(expect.arrayContaining(['crypto pki authenticate VPN-TP', 'crypto pki enroll VPN-TP']))
    expect(f?.remediation.some((r) => r.command.includes('<trustpoint>'))).toBe(false)
  })
})
