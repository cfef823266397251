/**
 * Both ends of a tunnel: the pair examples through the library (findings, two-sided evidence,
 * remediation per side in each vendor's syntax), variations of those captures for every pair check
 * (transform, lifetime, encaps/decaps, NAT matching, unmatched), and the built CLI as a subprocess
 * (JSON, SARIF and JUnit).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadCaptures} from '../src/engine/delta/timeline.js'
import {diagnose} from '../src/engine/index.js'
import {ingestText, mergeDocuments} from '../src/ingest/index.js'
import {DiagnoseDocument, type Finding} from '../src/model/index.js'

const ROOT = join(import.meta.dirname, '..')
const EX = join(ROOT, 'examples')
const PAIR_EXAMPLES = ['pair-ios-junos-spi-mismatch', 'pair-proxy-id-mismatch', 'pair-one-side-stuck']

interface Expected {
  args?: string[]
  findings: Array<{ruleId: string; device: string; severity: string}>
  absent?: string[]
}

const read = (example: string, file: string) => readFileSync(join(EX, example, file), 'utf8')

async function run(inputs: string[]) {
  const {doc, before} = await loadCaptures(inputs, undefined)
  return diagnose(doc, {before})
}

/** Diagnoses in-memory captures (file name -> text): variations of the example captures. */
async function runTexts(files: Record<string, string>) {
  const docs = []
  for (const [file, text] of Object.entries(files)) docs.push(await ingestText(text, {file}))
  return diagnose(mergeDocuments(docs))
}

const pairFindings = (doc: {findings: Finding[]}) => doc.findings.filter((f) => f.ruleId.startsWith('pair-'))
const ids = (doc: {findings: Finding[]}) => pairFindings(doc).map((f) => f.ruleId).sort()

describe.each(PAIR_EXAMPLES)('example %s', (example) => {
  it('produces the findings of its expected.json and none of the absent ones', async () => {
    const expected = JSON.parse(read(example, 'expected.json')) as Expected
    const doc = await run([join(EX, example)])
    expect(DiagnoseDocument.safeParse(doc).success).toBe(true)
    for (const want of expected.findings) {
      expect(doc.findings.map((f) => ({ruleId: f.ruleId, device: f.device, severity: f.severity}))).toContainEqual(want)
    }
    for (const ruleId of expected.absent ?? []) expect(doc.findings.map((f) => f.ruleId)).not.toContain(ruleId)
  })
})

describe('IOS router and Junos gateway, stale SAs on the router', () => {
  let doc: DiagnoseDocument
  beforeAll(async () => {
    doc = await run([join(EX, 'pair-ios-junos-spi-mismatch')])
  })

  it('names the stale side and the SPI it sends with', () => {
    const f = doc.findings.find((x) => x.ruleId === 'pair-spi-mismatch')!
    expect(f.device).toBe('BR-R7')
    expect(f.entity.kind).toBe('tunnelPair')
    expect(f.entity.label).toBe('tunnel BR-R7 (203.0.113.7) <-> srx-hub (198.51.100.1)')
    expect(f.message).toContain('BR-R7 holds SAs toward srx-hub (outbound SPI 0x7E3A51C9) and srx-hub holds none')
  })

  it('cites evidence from both captures, each line tagged with its device', () => {
    const f = doc.findings.find((x) => x.ruleId === 'pair-spi-mismatch')!
    const router = f.evidence.filter((e) => e.device === 'BR-R7')
    const srx = f.evidence.filter((e) => e.device === 'srx-hub')
    expect(router.map((e) => [e.file.endsWith('BR-R7.txt'), e.line, e.field, e.value])).toContainEqual([true, 29, 'current outbound spi', '0x7E3A51C9'])
    expect(srx).toHaveLength(1)
    expect(srx[0].file.endsWith('srx-hub.txt')).toBe(true)
    expect(srx[0].value).toBe('none')
  })

  it('gives remediation for each side in that side\'s vendor syntax, on that device', () => {
    const f = doc.findings.find((x) => x.ruleId === 'pair-spi-mismatch')!
    const onRouter = f.remediation.filter((r) => r.device === 'BR-R7')
    const onSrx = f.remediation.filter((r) => r.device === 'srx-hub')
    expect(onRouter.every((r) => r.vendor === 'cisco')).toBe(true)
    expect(onSrx.every((r) => r.vendor === 'junos')).toBe(true)
    expect(onRouter.map((r) => r.command)).toContain('clear crypto sa peer 198.51.100.1')
    expect(onRouter.map((r) => r.command)).toContain('clear crypto isakmp 1107')
    // srx-hub was read by the SRX parsers (show security ...): SRX syntax, not the legacy ES-PIC form
    expect(onSrx.map((r) => r.command)).toContain('clear security ike security-associations 203.0.113.7')
    expect(onSrx.map((r) => r.command)).not.toContain('clear ike security-associations 203.0.113.7')
    expect(onRouter.find((r) => r.command.startsWith('clear crypto sa'))!.purpose).toMatch(/^On the stale side/)
  })

  it('groups the router\'s one-way symptom under the pair root cause', () => {
    const root = doc.findings.find((x) => x.ruleId === 'pair-one-side-stuck')!
    const symptom = doc.findings.find((x) => x.ruleId === 'ipsec-zero-decaps')!
    expect(symptom.relatedTo).toBe(root.fingerprint)
    expect(root.message).toContain('srx-hub is stuck (no IKE SA) while BR-R7 has an established IKE SA')
  })
})

describe('ASA stuck against an SRX that has nothing for it', () => {
  it('says which side is stuck and that the path or the SRX policy is to blame', async () => {
    const doc = await run([join(EX, 'pair-one-side-stuck')])
    const f = doc.findings.find((x) => x.ruleId === 'pair-one-side-stuck')!
    expect(f.message).toContain('asa-edge is stuck (MM_WAIT_MSG2) while srx-dc has no IKE SA for it')
    expect(f.message).toContain('UDP 500')
    expect(f.message).toContain('srx-dc has no IKE gateway/peer (policy) for 203.0.113.99')
    expect(f.evidence.map((e) => [e.device, e.field, e.value])).toEqual([
      ['asa-edge', 'State', 'MM_WAIT_MSG2'],
      ['srx-dc', 'IKE SA toward 203.0.113.99 (show security ike security-associations)', 'none'],
    ])
    expect(f.remediation.find((r) => r.device === 'srx-dc' && r.command === 'show configuration security ike gateway')).toBeDefined()
    // ASA ping has no source-address option (ping [<interface>] <address>): the ASA form, not the IOS one
    expect(f.remediation.find((r) => r.device === 'asa-edge' && r.command === 'ping 198.51.100.20')).toBeDefined()
    expect(f.remediation.some((r) => r.device === 'asa-edge' && r.command.includes(' source '))).toBe(false)
  })
})

describe('pair checks on variations of the two IOS routers', () => {
  const hq = read('pair-proxy-id-mismatch', 'HQ-R2.txt')
  const br = read('pair-proxy-id-mismatch', 'BR-R66.txt')
  // Mirror BR's first ACL line so that only the 10.x.50 flows are compared.
  const brMirrored = br.replace('(10.10.0.0/255.255.255.0/0/0)', '(10.10.0.0/255.255.0.0/0/0)')

  it('mirrored ACLs give no pair finding', async () => {
    expect(ids(await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': brMirrored}))).toEqual([])
  })

  it('the proxy-id finding lists the unmirrored entry of each side', async () => {
    const f = pairFindings(await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': br}))[0]
    expect(f.ruleId).toBe('pair-proxy-id-mismatch')
    expect(f.message).toContain('without a mirror on HQ-R2: 10.66.1.0/24 -> 10.10.0.0/24')
    expect(f.message).toContain('without a mirror on BR-R66: 10.10.0.0/16 -> 10.66.1.0/24')
    expect(f.remediation.map((r) => `${r.device}: ${r.command}`)).toEqual(
      expect.arrayContaining(['HQ-R2: ip access-list extended VPN-TO-BR66', 'BR-R66: ip access-list extended VPN-TO-HQ']),
    )
  })

  it('a different cipher on one side is a transform mismatch naming both values', async () => {
    const br3des = brMirrored.replaceAll('transform: esp-aes 256 esp-sha256-hmac', 'transform: esp-3des esp-sha256-hmac')
    const doc = await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': br3des})
    const f = doc.findings.find((x) => x.ruleId === 'pair-transform-mismatch')!
    expect(f.message).toMatch(/encryption: BR-R66 3des, HQ-R2 aes-256/)
    expect(new Set(f.evidence.map((e) => e.device))).toEqual(new Set(['BR-R66', 'HQ-R2']))
  })

  it('transform sets without a common proposal are a transform mismatch even while old SAs agree', async () => {
    const otherSet = brMirrored.replace('TS-AES256:  { esp-256-aes esp-sha256-hmac  }', 'TS-3DES:  { esp-3des esp-sha-hmac  }')
    const f = (await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': otherSet})).findings.find((x) => x.ruleId === 'pair-transform-mismatch')!
    expect(f.message).toContain('transform sets: BR-R66 esp-3des esp-sha-hmac, HQ-R2 esp-256-aes esp-sha256-hmac')
    expect(f.evidence.map((e) => `${e.device} ${e.field}`)).toEqual(['BR-R66 Transform sets', 'HQ-R2 Transform sets'])
  })

  it('different crypto map lifetimes are reported with the shorter side', async () => {
    const shortLife = brMirrored.replace('4608000 kilobytes/3600 seconds', '4608000 kilobytes/1800 seconds')
    const doc = await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': shortLife})
    const f = doc.findings.find((x) => x.ruleId === 'pair-lifetime-mismatch')!
    expect(f.severity).toBe('info')
    expect(f.message).toContain('BR-R66 4608000 kB / 1800 s, HQ-R2 4608000 kB / 3600 s')
    expect(f.message).toContain('BR-R66 always rekeys first')
  })

  it('encaps on one side without decaps on the other is loss in transit', async () => {
    const noDecaps = brMirrored.replace('#pkts decaps: 5118, #pkts decrypt: 5118, #pkts verify: 5118', '#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0')
    const doc = await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': noDecaps})
    const f = doc.findings.find((x) => x.ruleId === 'pair-encaps-decaps-mismatch')!
    expect(f.message).toContain('HQ-R2 encapsulated 5120 packets for 10.10.50.0/24 -> 10.66.50.0/24 and BR-R66 decapsulated none')
    expect(f.evidence.map((e) => `${e.device} ${e.field} ${e.value}`)).toEqual(['HQ-R2 #pkts encaps 5120', 'BR-R66 #pkts decaps 0', 'BR-R66 #pkts encaps 5093'])
  })

  it('a side that decapsulates but never encapsulates does not reply', async () => {
    const noReply = brMirrored.replace('#pkts encaps: 5093, #pkts encrypt: 5093, #pkts digest: 5093', '#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0')
    const f = (await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': noReply})).findings.find((x) => x.ruleId === 'pair-encaps-decaps-mismatch')!
    expect(f.message).toContain('BR-R66 does not encrypt its replies')
  })

  it('partial loss is judged from both ends captured twice over the same interval (warning)', async () => {
    const later = (t: string, clock: [string, string], counters: Array<[string, string]>) =>
      counters.reduce((acc, [from, to]) => acc.replace(from, to), t.replace(clock[0], clock[1]))
    const hq2 = later(hq, ['*09:41:07.118', '*09:46:07.300'], [
      ['#pkts encaps: 5120, #pkts encrypt: 5120, #pkts digest: 5120', '#pkts encaps: 5520, #pkts encrypt: 5520, #pkts digest: 5520'],
      ['#pkts decaps: 5087, #pkts decrypt: 5087, #pkts verify: 5087', '#pkts decaps: 5487, #pkts decrypt: 5487, #pkts verify: 5487'],
    ])
    const br2 = later(brMirrored, ['*09:41:31.902', '*09:46:31.950'], [
      ['#pkts encaps: 5093, #pkts encrypt: 5093, #pkts digest: 5093', '#pkts encaps: 5493, #pkts encrypt: 5493, #pkts digest: 5493'],
      ['#pkts decaps: 5118, #pkts decrypt: 5118, #pkts verify: 5118', '#pkts decaps: 5238, #pkts decrypt: 5238, #pkts verify: 5238'],
    ])
    const doc = (a: string, b: string) => Promise.all([ingestText(a, {file: 'HQ-R2.txt'}), ingestText(b, {file: 'BR-R66.txt'})]).then(mergeDocuments)
    const result = await diagnose(await doc(hq2, br2), {before: await doc(hq, brMirrored)})
    const f = result.findings.find((x) => x.ruleId === 'pair-encaps-decaps-mismatch')!
    expect(f.severity).toBe('warning')
    expect(f.message).toContain('between the captures HQ-R2 encapsulated 400 packets for 10.10.50.0/24 -> 10.66.50.0/24 and BR-R66 decapsulated only 120')
    // The same counters without the earlier captures say nothing: cumulative counters cannot tell partial loss.
    expect(ids(await runTexts({'HQ-R2.txt': hq2, 'BR-R66.txt': br2}))).toEqual([])
  })

  it('ends behind NAT (no endpoint match) are paired by their SPIs and still compared', async () => {
    // BR-R66 sees HQ-R2 as 198.18.0.10 (static NAT), so the endpoints no longer match.
    const natted = brMirrored.replaceAll('192.0.2.10', '198.18.0.10').replace('#pkts decaps: 5118, #pkts decrypt: 5118, #pkts verify: 5118', '#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0')
    const doc = await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': natted})
    expect(ids(doc)).toEqual(['pair-encaps-decaps-mismatch'])
  })

  it('behind NAT with SPIs of another SA generation, the mirrored proxy ids still pair the ends', async () => {
    const natted = brMirrored.replaceAll('192.0.2.10', '198.18.0.10').replaceAll('0x3B9F0C21(1000279073)', '0x11112222(286335522)').replaceAll('0xA1E0457D(2715829629)', '0x33334444(858997828)')
    const doc = await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': natted})
    const f = doc.findings.find((x) => x.ruleId === 'pair-spi-mismatch')!
    expect(f.entity.label).toBe('tunnel BR-R66 (192.0.2.66) <-> HQ-R2 (192.0.2.10)')
    expect(f.message).toContain('BR-R66 sends with outbound SPI 0x33334444, not among HQ-R2\'s inbound SPIs 0xA1E0457D')
    expect(f.message).toContain('HQ-R2 sends with outbound SPI 0x3B9F0C21, not among BR-R66\'s inbound SPIs 0x11112222')
  })

  it('SPI checks are skipped when the captures are more than 60 s apart', async () => {
    const natted = brMirrored.replaceAll('0x3B9F0C21(1000279073)', '0x11112222(286335522)')
    expect(ids(await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': natted}))).toEqual(['pair-spi-mismatch'])
    const late = natted.replace('*09:41:31.902', '*09:45:31.902')
    expect(ids(await runTexts({'HQ-R2.txt': hq, 'BR-R66.txt': late}))).toEqual([])
  })

  it('a crypto map entry toward the other router with nothing on that router is unmatched', async () => {
    // HQ-R2 now runs its tunnel to another peer (192.0.2.77); BR-R66 still has a crypto map entry toward HQ-R2.
    const hqElsewhere = hq.replaceAll('192.0.2.66', '192.0.2.77')
    const brConfigOnly = br.replace(/BR-R66#show crypto isakmp sa[\s\S]*?BR-R66#show crypto map/, 'BR-R66#show crypto map')
    const doc = await runTexts({'HQ-R2.txt': hqElsewhere, 'BR-R66.txt': brConfigOnly})
    const f = doc.findings.find((x) => x.ruleId === 'pair-unmatched')!
    expect(f.severity).toBe('info')
    expect(f.device).toBe('BR-R66')
    expect(f.message).toContain('only BR-R66 has this tunnel (crypto map HQ-MAP 20); HQ-R2 shows nothing toward it')
    expect(f.remediation.filter((r) => r.device === 'HQ-R2').map((r) => r.purpose)[0]).toMatch(/^On the side without the tunnel/)
  })

  it('a single device gives no pair entity', async () => {
    expect(ids(await runTexts({'HQ-R2.txt': hq}))).toEqual([])
  })
})

describe('built CLI', () => {
  const BIN = join(ROOT, 'bin', 'run.js')
  beforeAll(() => {
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, encoding: 'utf8'})
    expect(existsSync(join(ROOT, 'dist', 'engine', 'pair', 'index.js')), r.stdout + r.stderr).toBe(true)
  }, 180_000)

  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, 'diagnose', ...args], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})

  it('prints pair findings in the JSON document and fails the gate on them', () => {
    const r = cli(['examples/pair-proxy-id-mismatch', '--format', 'json'])
    expect(r.status).toBe(1)
    const doc = DiagnoseDocument.parse(JSON.parse(r.stdout))
    const f = doc.findings.find((x) => x.ruleId === 'pair-proxy-id-mismatch')!
    expect(f.device).toBe('BR-R66')
    expect(new Set(f.remediation.map((s) => s.device))).toEqual(new Set(['BR-R66', 'HQ-R2']))
  })

  it('carries pair findings into SARIF and JUnit reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-pair-'))
    const r = cli(['examples/pair-ios-junos-spi-mismatch', '--format', 'sarif', '--output', join(dir, 'r.sarif'), '--format', 'junit', '--output', join(dir, 'r.xml')])
    expect(r.status).toBe(1)
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'))
    const results = sarif.runs[0].results as Array<{ruleId: string}>
    expect(results.map((x) => x.ruleId)).toEqual(expect.arrayContaining(['pair-spi-mismatch', 'pair-one-side-stuck']))
    const junit = readFileSync(join(dir, 'r.xml'), 'utf8')
    expect(junit).toContain('pair-spi-mismatch')
    expect(junit).toContain('pair-one-side-stuck')
  })
})
