/**
 * show version (IOS/IOS-XE, ASA, Junos) and Junos show chassis cluster status through ingest: the typed
 * command or, headless, the content picks the parser; the deviceInfo fact gives the device its platform.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import {platformOfModel} from '../src/parsers/device-info.js'
import {spelledDurationSeconds} from '../src/reading/durations.js'
import {FIXTURES} from './helpers/golden.js'

const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8').replace(/\n$/, '')
const IOS_XE = fixture('cisco/show-version/isr4331-iosxe17.txt')
const IOS = fixture('cisco/show-version/isr2911-ios15.txt')
const ASA = fixture('cisco/asa-show-version/asa5516-9.16.txt')
const JUNOS = fixture('junos/show-version/srx340.txt')
const JUNOS_CLUSTER = fixture('junos/show-version/cluster.txt')
const CLUSTER = fixture('junos/show-chassis-cluster-status/srx345-21.txt')

const parsers = (doc: Awaited<ReturnType<typeof ingestText>>) => doc.blocks.map((b) => b.parser)
const unparsed = (doc: Awaited<ReturnType<typeof ingestText>>) => doc.blocks.flatMap((b) => b.unparsed)

describe('show version and chassis cluster status are dispatched to their parsers', () => {
  it('IOS-XE by prompt and command: the model and software line make the device ios-xe', async () => {
    const doc = await ingestText(`r1-edge#show version\n${IOS_XE}\nr1-edge#`, {file: 'r1.txt'})
    expect(parsers(doc)).toEqual(['cisco/show-version'])
    expect(unparsed(doc)).toEqual([])
    expect(doc.facts.deviceInfo[0]).toMatchObject({hostname: 'r1-edge', model: 'ISR4331/K9', version: '17.06.05', uptimeSeconds: 2002260, platform: 'ios-xe'})
    expect(doc.devices.find((d) => d.name === 'r1-edge')?.platform).toBe('ios-xe')
  })

  it('IOS abbreviated (sh ver) beside a crypto output: the ISR G2 model makes the device ios', async () => {
    const text = `branch-2911#sh ver\n${IOS}\nbranch-2911#show crypto isakmp sa\nIPv4 Crypto ISAKMP SA\ndst src state conn-id status\n198.51.100.7 203.0.113.5 QM_IDLE 1004 ACTIVE\nbranch-2911#`
    const doc = await ingestText(text, {file: 'b.txt'})
    expect(parsers(doc)).toEqual(['cisco/show-version', 'cisco/show-crypto-isakmp-sa'])
    expect(doc.devices.find((d) => d.name === 'branch-2911')?.platform).toBe('ios')
  })

  it('ASA by prompt and command: the content picks the ASA reader of the shared words', async () => {
    const doc = await ingestText(`FW-DC01# show version\n${ASA}\nFW-DC01#`, {file: 'asa.txt'})
    expect(parsers(doc)).toEqual(['cisco/asa-show-version'])
    expect(unparsed(doc)).toEqual([])
    expect(doc.facts.deviceInfo[0]).toMatchObject({hostname: 'FW-DC01', model: 'ASA5516', version: '9.16(4)', platform: 'asa'})
    expect(doc.devices.find((d) => d.name === 'FW-DC01')?.platform).toBe('asa')
  })

  it('Junos behind a prompt that looks like Cisco user exec (srx1>): the content decides', async () => {
    const doc = await ingestText(`srx1> show version\n${JUNOS}\nsrx1>`, {file: 'srx.txt'})
    expect(parsers(doc)).toEqual(['junos/show-version'])
    expect(doc.blocks[0].vendor).toBe('junos')
    expect(doc.devices.find((d) => d.name === 'srx1')?.platform).toBe('junos-srx')
  })

  it('Junos cluster show version: one fact per node section', async () => {
    const doc = await ingestText(`{primary:node0}\nadmin@srx-dc-a> show version\n${JUNOS_CLUSTER}\n`, {file: 'c.txt'})
    expect(doc.facts.deviceInfo.map((f) => [f.node, f.hostname])).toEqual([['node0', 'srx-dc-a'], ['node1', 'srx-dc-b']])
    expect(unparsed(doc)).toEqual([])
  })

  it('show chassis cluster status by prompt and command', async () => {
    const doc = await ingestText(`{primary:node0}\nadmin@srx-dc-a> show chassis cluster status\n${CLUSTER}\n`, {file: 'c.txt'})
    expect(parsers(doc)).toEqual(['junos/show-chassis-cluster-status'])
    expect(unparsed(doc)).toEqual([])
    expect(doc.facts.clusterStatus.map((f) => `${f.redundancyGroup}/${f.node}/${f.status}`)).toEqual(['0/node0/primary', '0/node1/secondary', '1/node0/primary', '1/node1/secondary'])
  })

  it.each([
    ['IOS-XE', IOS_XE, 'cisco/show-version'],
    ['IOS', IOS, 'cisco/show-version'],
    ['ASA', ASA, 'cisco/asa-show-version'],
    ['Junos', JUNOS, 'junos/show-version'],
    ['chassis cluster status', CLUSTER, 'junos/show-chassis-cluster-status'],
  ])('headless %s paste is read by its content', async (_name, text, parser) => {
    const doc = await ingestText(text, {file: 'paste.txt'})
    expect(parsers(doc)).toEqual([parser])
    expect(doc.blocks[0].detectedBy).toBe('content')
    expect(unparsed(doc)).toEqual([])
  })
})

describe('readers behind deviceInfo', () => {
  it('spelled-out uptimes to seconds', () => {
    expect(spelledDurationSeconds('16 minutes')).toBe(960)
    expect(spelledDurationSeconds('3 weeks, 2 days, 4 hours, 11 minutes')).toBe(((21 + 2) * 24 + 4) * 3600 + 11 * 60)
    expect(spelledDurationSeconds('52 days 3 hours')).toBe(52 * 86400 + 3 * 3600)
    expect(spelledDurationSeconds('4 mins 25 secs')).toBe(265)
    expect(spelledDurationSeconds('1 year, 1 day')).toBe(366 * 86400)
    expect(spelledDurationSeconds('a while')).toBeNull()
    expect(spelledDurationSeconds('3 fortnights')).toBeNull()
  })

  it('platform from the model', () => {
    expect(platformOfModel('ISR4331/K9')).toBe('ios-xe')
    expect(platformOfModel('ASR1001-X')).toBe('ios-xe')
    expect(platformOfModel('CSR1000V')).toBe('ios-xe')
    expect(platformOfModel('C8300-1N1S-6T')).toBe('ios-xe')
    expect(platformOfModel('C8000V')).toBe('ios-xe')
    expect(platformOfModel('C1111-4P')).toBe('ios-xe')
    expect(platformOfModel('CISCO2911/K9')).toBe('ios')
    expect(platformOfModel('CISCO1941/K9')).toBe('ios')
    expect(platformOfModel('C891F-K9')).toBe('ios')
    expect(platformOfModel('881')).toBe('ios')
    expect(platformOfModel('ASA5516')).toBe('asa')
    expect(platformOfModel('srx340')).toBe('junos-srx')
    expect(platformOfModel('vsrx')).toBe('junos-srx')
    expect(platformOfModel('mx480')).toBe('junos-mx')
    expect(platformOfModel('ex4300-48t')).toBeNull()
    expect(platformOfModel(null)).toBeNull()
  })
})

describe('--redact', () => {
  it('hides the host name show version prints', async () => {
    const {Redactor} = await import('../src/redact/index.js')
    const doc = await ingestText('Hostname: secret-srx\nModel: srx340\nJunos: 21.4R3-S4.9\n', {file: 'x.txt'})
    const redacted = new Redactor().redactParse(doc)
    expect(JSON.stringify(redacted)).not.toContain('secret-srx')
    expect(redacted.facts.deviceInfo[0].model).toBe('srx340')
  })
})

describe('wizard summary', () => {
  it('says the model, version and uptime, and the cluster nodes that are neither primary nor secondary', async () => {
    const {summarizeCapture} = await import('../src/wizard/summary.js')
    const version = await ingestText(`r1-edge#show version\n${IOS_XE}`, {file: 'a.txt'})
    expect(summarizeCapture(version)).toContain('ISR4331/K9 17.06.05 up 3 weeks, 2 days, 4 hours, 11 minutes')
    const lost = fixture('junos/show-chassis-cluster-status/lost-and-monitor-failures.txt')
    const cluster = await ingestText(`admin@srx> show chassis cluster status\n${lost}`, {file: 'b.txt'})
    expect(summarizeCapture(cluster)).toContain('node1 lost in group 0, node0 secondary-hold in group 1')
  })
})
