/** Findings on SRX captures in field styles: the words of the ike-down message. */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

describe('ike-down says in words what the responder cookie shows', () => {
  it('never answered (all-zero cookie) vs answered then failed', async () => {
    const capture = [
      'srx1> show security ike security-associations',
      'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
      '5910227 DOWN   4f7a0e81c2d93b56  0000000000000000  Main           203.0.113.66',
      '5910231 DOWN   9a2cde107b4f8e31  7c1d03f2aa5b9e60  Main           198.51.100.91',
      'srx1>',
    ].join('\n')
    const out = await diagnose(await ingestText(capture, {file: 'srx1.txt'}), {at: '2026-11-23T12:00:00Z'})
    const messages = out.findings.filter((f) => f.ruleId === 'ike-down').map((f) => f.message).sort()
    expect(messages).toEqual([
      'IKE SA to 198.51.100.91 is DOWN: the peer answered, then the exchange failed',
      'IKE SA to 203.0.113.66 is DOWN: the peer never answered (responder cookie all zero)',
    ])
  })
})

describe('ipsec-zero-decaps (its statistics branch) on MX services statistics', () => {
  it('names the service set of the section, not the device totals', async () => {
    const capture = [
      'lab@mx480> show services ipsec-vpn ipsec statistics',
      'PIC: ms-1/0/0, Service set: ss-cust7',
      'ESP Statistics:',
      '  Encrypted bytes:           2214400',
      '  Decrypted bytes:                 0',
      '  Encrypted packets:           17300',
      '  Decrypted packets:               0',
      'Errors:',
      '  AH authentication failures: 0, Replay errors: 0',
      '  ESP authentication failures: 0, ESP decryption failures: 0',
      '  Bad headers: 0, Bad trailers: 0',
      'lab@mx480>',
    ].join('\n')
    const out = await diagnose(await ingestText(capture, {file: 'mx480.txt'}), {at: '2026-11-23T12:00:00Z'})
    const f = out.findings.find((x) => x.ruleId === 'ipsec-zero-decaps')
    expect(f?.entity.label).toBe('IPsec statistics of service set ss-cust7')
  })
})

describe('cert-expiring-soon on an SRX local certificate', () => {
  it('says nothing about a Cisco renew date it cannot have', async () => {
    const capture = [
      'root@srx-edge-02> show security pki local-certificate',
      'Certificate identifier: srx-edge-02',
      '  Issued to: srx-edge-02.example.net, Issued by: C = US, O = Example, CN = Example Issuing CA 02',
      '  Validity:',
      '    Not before: 11-18-2025 10:02 UTC',
      '    Not after: 12- 1-2026 10:12 UTC',
      '  Public key algorithm: rsaEncryption(2048 bits)',
      '  Keypair Location: Keypair generated locally',
      'root@srx-edge-02>',
    ].join('\n')
    const out = await diagnose(await ingestText(capture, {file: 'srx-edge-02.txt'}), {at: '2026-11-23T12:00:00Z'})
    const f = out.findings.find((x) => x.ruleId === 'cert-expiring-soon')
    expect(f?.message).toMatch(/expires in 7\.9 days on 2026-12-01T10:12:00Z \(judged at .*; auto-renewal not judged\)$/)
  })
})
