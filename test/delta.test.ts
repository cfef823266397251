/**
 * Two captures of one device: the delta examples through the library (with --before and split by
 * capture time), variations of real captures for each delta- rule and for the counter-reset guard,
 * and the built CLI with --before as a subprocess (JSON, SARIF, JUnit).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadCaptures} from '../src/engine/delta/timeline.js'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'
import {DiagnoseDocument, type Finding} from '../src/model/index.js'

const ROOT = join(import.meta.dirname, '..')
const EX = join(ROOT, 'examples')
const read = (...p: string[]) => readFileSync(join(EX, ...p), 'utf8')

interface Expected {
  args?: string[]
  findings: Array<{ruleId: string; device: string; severity: string}>
  absent?: string[]
}

/** Runs the library the way the CLI does: inputs, plus --before when the args name it. */
async function runExample(example: string, args: string[] = []) {
  const i = args.indexOf('--before')
  const before = i >= 0 ? [join(ROOT, args[i + 1])] : undefined
  const captures = await loadCaptures([join(EX, example)], before)
  return diagnose(captures.doc, {before: captures.before})
}

async function runPair(beforeText: string, afterText: string, file = 'R.txt') {
  const before = await ingestText(beforeText, {file: `before-${file}`})
  const after = await ingestText(afterText, {file: `after-${file}`})
  return diagnose(after, {before})
}

const deltas = (doc: {findings: Finding[]}) => doc.findings.filter((f) => f.ruleId.startsWith('delta-'))
const find = (doc: {findings: Finding[]}, id: string) => doc.findings.find((f) => f.ruleId === id)

describe.each(['delta-one-way', 'delta-junos-dpd'])('example %s', (example) => {
  it('produces the findings of its expected.json and none of the absent ones', async () => {
    const expected = JSON.parse(read(example, 'expected.json')) as Expected
    const doc = await runExample(example, expected.args)
    expect(DiagnoseDocument.safeParse(doc).success).toBe(true)
    const got = doc.findings.map((f) => ({ruleId: f.ruleId, device: f.device, severity: f.severity}))
    for (const want of expected.findings) expect(got).toContainEqual(want)
    for (const ruleId of expected.absent ?? []) expect(got.map((g) => g.ruleId)).not.toContain(ruleId)
  })
})

describe('IOS router, encaps rising and decaps flat', () => {
  const before = read('delta-one-way', 'before.txt')
  const after = read('delta-one-way', 'after.txt')

  it('says the interval and cites the counters of both captures', async () => {
    const doc = await runExample('delta-one-way', ['--before', 'examples/delta-one-way/before.txt'])
    const f = find(doc, 'delta-one-way-traffic')!
    expect(f.message).toBe('Flow 10.90.0.0/24 -> 10.30.0.0/16 to 100.64.30.2: 468 packets encapsulated and 0 decapsulated over 302 s, traffic flows one way only')
    expect(f.evidence.map((e) => `${e.file.split('/').pop()}:${e.line} ${e.field} = ${e.value}`)).toEqual([
      'before.txt:18 #pkts encaps (t1) = 9314',
      'before.txt:19 #pkts decaps (t1) = 8807',
      'before.txt:27 current outbound spi (t1) = 0x51D2E3F4(1372775412)',
      'after.txt:18 #pkts encaps (t2) = 9782',
      'after.txt:19 #pkts decaps (t2) = 8807',
      'after.txt:27 current outbound spi (t2) = 0x51D2E3F4(1372775412)',
    ])
    // One capture alone sees decaps > 0 and finds nothing wrong with the flow.
    expect(find(doc, 'ipsec-zero-decaps')).toBeUndefined()
  })

  it('a --before capture that is in fact the later one is named in a warning, and no delta finding is made', async () => {
    // swapped on purpose: "before" is the later capture
    const captures = await loadCaptures([join(EX, 'delta-one-way', 'before.txt')], [join(EX, 'delta-one-way', 'after.txt')])
    const warning = captures.doc.diagnostics.find((d) => d.message.includes('is not earlier than'))
    expect(warning?.level).toBe('warning')
    expect(warning?.file).toBe(join(EX, 'delta-one-way', 'after.txt'))
    expect(warning?.message).toMatch(/the --before capture of \S+ \(\d{4}-\d\d-\d\dT[\d:.]+Z\) is not earlier than the current capture of \S+ \(\d{4}-.*\); the two-capture checks \(delta-\*\) skip it$/)
    expect(deltas(await diagnose(captures.doc, {before: captures.before}))).toEqual([])
    // in the right order there is no such warning
    const right = await loadCaptures([join(EX, 'delta-one-way', 'after.txt')], [join(EX, 'delta-one-way', 'before.txt')])
    expect(right.doc.diagnostics.some((d) => d.message.includes('is not earlier than'))).toBe(false)
  })

  it('the same folder without --before is split by capture time (earlier file = before)', async () => {
    const doc = await runExample('delta-one-way')
    expect(deltas(doc).map((f) => f.ruleId)).toEqual(['delta-one-way-traffic'])
    expect(find(doc, 'delta-one-way-traffic')!.message).toContain('over 302 s')
  })

  it('other devices of the same input set keep their single-capture findings, once', async () => {
    const files = ['before.txt', 'after.txt'].map((f) => join(EX, 'delta-one-way', f))
    const {doc, before: earlier} = await loadCaptures([...files, join(EX, 'cisco-one-way', 'EDGE-R4.txt')], undefined)
    expect(doc.devices.map((d) => d.name).sort()).toEqual(['EDGE-R4', 'EDGE-R9'])
    expect(earlier!.devices.map((d) => d.name)).toEqual(['EDGE-R9'])
    expect(doc.facts.ipsecFlow.filter((f) => f.source.device === 'EDGE-R9').map((f) => f.encaps)).toEqual([9782])
    const result = await diagnose(doc, {before: earlier})
    expect(result.findings.filter((f) => f.ruleId === 'ipsec-zero-decaps').map((f) => f.device)).toEqual(['EDGE-R4'])
    expect(deltas(result).map((f) => `${f.ruleId} ${f.device}`)).toEqual(['delta-one-way-traffic EDGE-R9'])
  })

  it('a changed SPI with lower counters is a counter reset: the t2 values are the change', async () => {
    const rekeyed = after
      .replaceAll('0x51D2E3F4(1372775412)', '0x6A7B8C9D(1786481821)')
      .replace('#pkts encaps: 9782, #pkts encrypt: 9782, #pkts digest: 9782', '#pkts encaps: 120, #pkts encrypt: 120, #pkts digest: 120')
      .replace('#pkts decaps: 8807, #pkts decrypt: 8807, #pkts verify: 8807', '#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0')
    const f = find(await runPair(before, rekeyed), 'delta-one-way-traffic')!
    expect(f.message).toContain('120 packets encapsulated and 0 decapsulated over 302 s (counter reset between captures: t2 values used)')
    expect(f.evidence.find((e) => e.field === 'resetNote')!.value).toContain('outbound SPI changed from 0x51D2E3F4 to 0x6A7B8C9D')
  })

  it('counters standing still over more than 60 s is no traffic (info), not one-way', async () => {
    const doc = await runPair(before, before.replace('*14:00:03.112', '*14:05:04.870'))
    expect(deltas(doc).map((f) => [f.ruleId, f.severity])).toEqual([['delta-no-traffic', 'info']])
  })

  it('without a capture time the interval is unknown and rate rules stay silent', async () => {
    const noClock = (t: string) => t.replace(/EDGE-R9#show clock\n.*\n/, '')
    const doc = await runPair(noClock(before), noClock(before))
    expect(deltas(doc)).toEqual([])
    const oneWay = await runPair(noClock(before), noClock(after))
    expect(find(oneWay, 'delta-one-way-traffic')!.message).toContain('between the two captures (interval unknown)')
  })

  it('an outbound SA using its kB lifetime in under 600 s is a high rekey rate (IOS)', async () => {
    const map = `EDGE-R9#show crypto map
Crypto Map "DC-MAP" 10 ipsec-isakmp
        Peer = 100.64.30.2
        Extended IP access list 120
            access-list 120 permit ip 10.90.0.0 0.0.0.255 10.30.0.0 0.0.255.255
        Current peer: 100.64.30.2
        Security association lifetime: 4000 kilobytes/3600 seconds
        PFS (Y/N): N
        Transform sets={
                TS-DC:  { esp-256-aes esp-sha256-hmac  } ,
        }
        Interfaces using crypto map DC-MAP:
                GigabitEthernet0/0

EDGE-R9#
`
    const withMap = (t: string, kb: string) => t.replace(/EDGE-R9#\n?$/, map).replace(/\(4597\d+\/(\d+)\)/, `(${kb}/$1)`)
    const doc = await runPair(withMap(before, '3900'), withMap(after, '1590'))
    const f = find(doc, 'delta-rekey-rate-high')!
    expect(f.message).toBe('Peer 100.64.30.2: 1.15 rekeys per SA per 600 s (2310 kB over 302 s on SA 0x51D2E3F4, lifetime 4000 kB)')
    expect(f.evidence.map((e) => e.field)).toEqual(['sa timing (t1)', 'sa timing (t2)', 'Security association lifetime (t2)'])
  })

  it('send errors growing faster than 1 % of the traffic are reported', async () => {
    const errors = after.replace('#pkts decaps: 8807, #pkts decrypt: 8807', '#pkts decaps: 9200, #pkts decrypt: 9200').replace('#send errors 0, #recv errors 0', '#send errors 37, #recv errors 0')
    const doc = await runPair(before, errors)
    expect(deltas(doc).map((f) => f.ruleId)).toEqual(['delta-ipsec-errors-rising'])
    expect(find(doc, 'delta-ipsec-errors-rising')!.message).toContain('37 send and 0 receive errors over 302 s (468 encapsulated, 393 decapsulated)')
  })
})

describe('IOS phase 1 stuck at both captures', () => {
  const t1 = read('cisco-mm-no-state', 'HQ-R1.txt')
  const t2 = t1.replace('*09:14:52.311', '*09:19:55.020').replace('203.0.113.10    87', '203.0.113.10    127')

  it('is critical, and rising engine drops on its interface escalate to critical', async () => {
    const doc = await runPair(t1, t2, 'HQ-R1.txt')
    const stuck = find(doc, 'delta-ike-state-stuck')!
    expect(stuck.severity).toBe('critical')
    expect(stuck.message).toBe('Peer 198.51.100.20: phase 1 still not established over 303 s (MM_NO_STATE at t1, MM_NO_STATE at t2)')
    const drops = find(doc, 'delta-engine-drops-rising')!
    expect(drops.severity).toBe('critical')
    expect(drops.message).toBe('interface GigabitEthernet0/1 (two captures): Drop Count rose by 40 over 303 s (87 -> 127)')
    expect(drops.explanation).toContain('phase 1 to a peer on this interface is stuck at both captures')
  })

  it('is silent once the peer reached QM_IDLE, and the drops stay a warning', async () => {
    const up = t2.replace('MM_NO_STATE       1004', 'QM_IDLE           1005')
    const doc = await runPair(t1, up, 'HQ-R1.txt')
    expect(find(doc, 'delta-ike-state-stuck')).toBeUndefined()
    expect(find(doc, 'delta-engine-drops-rising')!.severity).toBe('warning')
  })
})

describe('Junos MX IKE statistics over 602 s', () => {
  const t1 = read('delta-junos-dpd', 'mx-core5-1205.txt')
  const t2 = read('delta-junos-dpd', 'mx-core5-1215.txt')
  const set = (text: string, label: string, value: number) => text.replace(new RegExp(`(${label}:\\s+)\\d+`), `$1${value}`)

  it('DPD misses growing: error with the delta, the total and the interval', async () => {
    const f = find(await runPair(t1, t2), 'delta-dpd-misses-rising')!
    expect(f.severity).toBe('error')
    expect(f.message).toBe('Peer 198.51.100.66: 6 more R-U-THERE-ACK missed over 602 s (now 13)')
    expect(f.evidence.map((e) => `${e.field} = ${e.value}`)).toContain('R-U-THERE-ACK notifications missed (t2) = 13')
  })

  it('split by capture time: the earlier file gives no single-capture findings of its own', async () => {
    const doc = await runExample('delta-junos-dpd')
    const dpd = doc.findings.filter((f) => f.ruleId === 'dpd-ack-missed')
    expect(dpd).toHaveLength(1)
    expect(dpd[0].message).toContain('13 R-U-THERE-ACK')
  })

  it('invalid SPI notifications, peer deletes, IKE one-way and rekey rate each have their rule', async () => {
    let text = set(t2, 'Notifications received', 5)
    text = set(text, 'Delete IPsec SA payloads received', 6)
    text = set(text, 'Input  packets', 402)
    text = set(text, 'IPSec tunnel rekeys', 20)
    const doc = await runPair(t1, text)
    expect(deltas(doc).map((f) => f.ruleId).sort()).toEqual([
      'delta-dpd-misses-rising', 'delta-ike-one-way', 'delta-invalid-spi-rising', 'delta-peer-deletes-rising', 'delta-rekey-rate-high',
    ])
    expect(find(doc, 'delta-rekey-rate-high')!.message).toBe('Peer 198.51.100.66: 8.97 rekeys per SA per 600 s (9 rekeys over 602 s over 1 SA(s))')
    expect(find(doc, 'delta-ike-one-way')!.message).toBe('Peer 198.51.100.66: 30 IKE packets sent and none received over 602 s')
  })

  it('a new IKE SA (other cookies) resets the statistics: t2 values count, no rate', async () => {
    const fresh = set(set(t2.replaceAll('a1b2c3d4e5000021', 'b7c8d9e0f1000033'), 'R-U-THERE-ACK notifications missed', 2), 'IPSec tunnel rekeys', 1)
    const doc = await runPair(t1, fresh)
    const f = find(doc, 'delta-dpd-misses-rising')!
    expect(f.message).toContain('2 more R-U-THERE-ACK missed over 602 s (counter reset between captures: t2 values used) (now 2)')
    expect(find(doc, 'delta-rekey-rate-high')).toBeUndefined()
  })
})

describe('Junos SA due for rekey at t1', () => {
  const t1 = read('junos-rekey-stalled', 'es-gw3.txt')
  const later = t1.replace('15:45:00', '15:50:00')

  it('same SPIs after the hard expiry: rekey not completed', async () => {
    const f = find(await runPair(t1, later), 'delta-rekey-not-completed')!
    expect(f.message).toBe('SA sa-branch7 peer ? (two captures): rekey did not complete; soft lifetime expired at t1 with 95 s to hard expiry; over 300 s it still holds the same SPIs')
  })

  it('SA gone at t2: rekey not completed; new SPIs: silent', async () => {
    const gone = later.replace(/Security association: sa-branch7[\s\S]*?(?=Security association: sa-lab)/, '')
    expect(find(await runPair(t1, gone), 'delta-rekey-not-completed')!.message).toContain('the SA is gone with no successor')
    const renewed = later.replace('SPI: 2908734119', 'SPI: 2908734555').replace('SPI: 3494029335', 'SPI: 3494029777').replaceAll('Soft lifetime: Expired', 'Soft lifetime: Expires in 2900 seconds')
    expect(find(await runPair(t1, renewed), 'delta-rekey-not-completed')).toBeUndefined()
  })
})

describe('phase 2, churn and redundancy', () => {
  it('IOS: QM_IDLE both times, outbound SPI still 0 and Drop Count rising is phase 2 stuck', async () => {
    const t1 = read('cisco-phase2-missing', 'DC-R3.txt')
    const t2 = t1.replace('*11:40:19.006', '*11:45:19.500').replace('192.0.2.1       240', '192.0.2.1       310')
    const doc = await runPair(t1, t2, 'DC-R3.txt')
    const f = find(doc, 'delta-phase2-stuck')!
    expect(f.message).toBe('Peer 192.0.2.44: IKE SA established at both captures, outbound SPI still 0, Drop Count rose from 240 to 310 (over 300 s)')
    expect(find(doc, 'delta-engine-drops-rising')!.severity).toBe('warning')
  })

  it('Junos: the same quick-mode Message ID in progress at both captures', async () => {
    const detail = readFileSync(join(ROOT, 'test/fixtures/junos/show-ike-security-associations/reference-detail.txt'), 'utf8').replace('Caller notification sent, Waiting for done', 'Caller notification sent')
    const capture = (time: string) => `user@mx1> show system uptime\nCurrent time: 2026-11-23 08:${time}:00 UTC\n\nuser@mx1> show ike security-associations detail\n${detail}\nuser@mx1>\n`
    const f = find(await runPair(capture('00'), capture('03')), 'delta-phase2-stuck')!
    expect(f.message).toBe('Peer 4.4.4.4: quick-mode negotiation (Message ID 3582889153) still in progress at both captures (over 180 s)')
    expect(f.evidence.filter((e) => e.field === 'Message ID')).toHaveLength(2)
  })

  it('IOS: new conn-ids for one peer within minutes are IKE SA churn', async () => {
    const t1 = read('cisco-healthy', 'BR-R2.txt')
    const row = t1.split('\n').find((l) => /QM_IDLE/.test(l))!
    const churned = t1.replace(row, [row.replace(/QM_IDLE(\s+)\d+/, 'QM_IDLE$12001'), row.replace(/QM_IDLE(\s+)\d+/, 'MM_NO_STATE$12002').replace('QM_IDLE', 'MM_NO_STATE')].join('\n'))
    const clock = t1.match(/\*?(\d\d):(\d\d):(\d\d)/)!
    const t2 = churned.replace(clock[0], clock[0].replace(`:${clock[2]}:`, `:${String((Number(clock[2]) + 4) % 60).padStart(2, '0')}:`))
    const f = find(await runPair(t1, t2, 'BR-R2.txt'), 'delta-ike-sa-churn')!
    expect(f.message).toMatch(/^Peer [\d.]+: 2 new IKE SA conn-ids and 0 new deleted rows over 240 s$/)
  })

  it('Junos: a failure counter that rose is a failover between the captures', async () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/junos/show-ipsec-redundancy/failed-over-both.txt'), 'utf8')
    const capture = (time: string, t: string) => `user@mx2> show system uptime\nCurrent time: 2026-11-23 09:${time}:00 UTC\n\nuser@mx2> show ipsec redundancy\n${t}\nuser@mx2>\n`
    const doc = await runPair(capture('00', text), capture('10', text.replace('Security association: sa-hq, Failure counter: 2', 'Security association: sa-hq, Failure counter: 3')))
    const found = doc.findings.filter((f) => f.ruleId === 'delta-redundancy-failover')
    expect(found.map((f) => f.message)).toEqual(['redundancy sa-hq (two captures): failure counter rose by 1 over 600 s (primary standby, backup active)'])
  })
})

describe('built CLI with --before', () => {
  const BIN = join(ROOT, 'bin', 'run.js')
  beforeAll(() => {
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, encoding: 'utf8'})
    expect(existsSync(join(ROOT, 'dist', 'engine', 'delta', 'index.js')), r.stdout + r.stderr).toBe(true)
  }, 180_000)
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, 'diagnose', ...args], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})

  it('--before old new --format json holds the delta finding', () => {
    const r = cli(['--before', 'examples/delta-one-way/before.txt', 'examples/delta-one-way/after.txt', '--format', 'json'])
    expect(r.status).toBe(1)
    const doc = DiagnoseDocument.parse(JSON.parse(r.stdout))
    expect(doc.findings.map((f) => f.ruleId)).toEqual(['delta-one-way-traffic'])
    expect(doc.findings[0].message).toContain('over 302 s')
  })

  it('delta findings reach SARIF and JUnit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-delta-'))
    const r = cli(['examples/delta-junos-dpd', '--format', 'sarif', '--output', join(dir, 'r.sarif'), '--format', 'junit', '--output', join(dir, 'r.xml')])
    expect(r.status).toBe(1)
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'))
    expect((sarif.runs[0].results as Array<{ruleId: string}>).map((x) => x.ruleId)).toContain('delta-dpd-misses-rising')
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('delta-dpd-misses-rising')
  })
})
