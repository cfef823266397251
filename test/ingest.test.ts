import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestFiles, ingestText} from '../src/ingest/index.js'
import {matchCommand, canonicalPipe} from '../src/ingest/commands.js'
import {cleanLine, classify} from '../src/ingest/clean.js'
import {parsePrompt} from '../src/ingest/prompt.js'
import type {ParseDocument} from '../src/model/index.js'

/** Every line of every file is consumed, ignored or unparsed: the books balance. */
export function accounted(doc: ParseDocument): number {
  return doc.blocks.reduce((n, b) => n + b.consumedLines + b.ignoredLines + b.unparsed.length, 0) + doc.summary.ignoredOutsideBlocks
}

const ISAKMP = ['dst             src             state          conn-id slot status', '172.22.1.4      172.22.1.3      QM_IDLE              1    0 ACTIVE']

describe('prompt and command recognition', () => {
  it('reads Cisco and Junos prompts', () => {
    expect(parsePrompt('Router1#sh cry isa sa')).toEqual({device: 'Router1', vendor: 'cisco', command: 'sh cry isa sa'})
    expect(parsePrompt('R1(config)#do show crypto map')).toEqual({device: 'R1', vendor: 'cisco', command: 'show crypto map'})
    expect(parsePrompt('asa/pri/act# show crypto ikev1 sa')).toMatchObject({device: 'asa/pri/act', vendor: 'cisco'})
    expect(parsePrompt('{master:0}')).toBeNull()
    expect(parsePrompt('{primary:node0}user@srx-1> show security ike sa')).toEqual({device: 'srx-1', vendor: 'junos', command: 'show security ike sa'})
    expect(parsePrompt('Router1#')).toEqual({device: 'Router1', vendor: 'cisco', command: ''})
    expect(parsePrompt('#pkts encaps: 5, #pkts encrypt: 5')).toBeNull()
    expect(parsePrompt('Interfaces using crypto map VPN-MAP:')).toBeNull()
    expect(parsePrompt('inbound esp sas> 12')).toBeNull()
  })

  it('expands abbreviations and keeps arguments and pipes', () => {
    const m = matchCommand('sh cry isa sa | i QM', 'cisco')
    expect(m?.canonical).toBe('show crypto isakmp sa')
    expect(m?.pipe).toBe('| include QM')
    expect(m?.args).toEqual([])
    expect(matchCommand('show crypto isakmp sa detail', null)?.args).toEqual(['detail'])
    expect(matchCommand('show inventory', 'cisco')).toBeNull()
    expect(canonicalPipe('| dis js')).toBe('| display json')
  })

  it('cleans terminal residue and classifies decoration', () => {
    expect(cleanLine('\x1b[7m --More-- \x1b[27m')).toBe('')
    expect(cleanLine(' --More-- \b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b172.22.1.4 x')).toBe(' 172.22.1.4 x')
    expect(cleanLine('---(more 45%)---')).toBe('')
    expect(classify('*Mar  1 00:01:02.123: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec\'d IPSEC packet has invalid spi')).toBe('syslog')
    expect(classify('Nov 23 17:00:01  srx1 kmd[1442]: KMD_PM_SA_ESTABLISHED: Local gateway: 1.1.1.1')).toBe('syslog')
    expect(classify('{primary:node0}')).toBe('banner')
    expect(classify('! captured by J. Doe before the change')).toBe('annotation')
    expect(classify('#pkts encaps: 0, #pkts encrypt: 0')).toBe('content')
  })

  it('sets aside what a terminal log holds around the device session', () => {
    // the xterm title a typescript keeps, before the jump host's prompt
    expect(cleanLine('\x1b]0;noc@jump01: ~\x07noc@jump01:~$ ssh noc@m10i-edge1')).toBe('noc@jump01:~$ ssh noc@m10i-edge1')
    for (const l of [
      'Script started on 2025-04-22 16:40:03+02:00 [TERM="xterm-256color" TTY="/dev/pts/3"]',
      'jdoe@jump01:~$ ssh admin@10.30.0.1',
      'noc@jump01:~$ ssh noc@m10i-edge1.mgmt.example.org',
      '(admin@10.30.0.1) Password:',
      'Password:',
      'Last login: Tue Apr 22 16:39:12 2025 from 10.9.0.4',
      '--- JUNOS 10.4R16.5 built 2015-01-15 03:42:06 UTC',
      '^C',
      'Script done on 2025-04-22 16:52:10+02:00 [COMMAND_EXIT_CODE="0"]',
      '=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2026.12.04 09:12:31 =~=~=~=~=~=~=~=~=~=~=~=',
    ]) expect(classify(l), l).toBe('banner')
    // a Junos prompt with a command is a prompt, and a device line naming a password is content
    expect(classify('jdoe@srx1> show security ike sa')).toBe('content')
    expect(classify('Password: ******')).toBe('content')
  })
})

describe('ingest of whole captures', () => {
  it('splits a capture into blocks, with device, command and a full line account', async () => {
    const text = [
      'Router1#terminal length 0',
      'Router1#sh cry isa sa',
      ...ISAKMP,
      '*Mar  1 00:01:02.123: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON',
      '',
      'Router1#show inventory',
      'NAME: "Chassis", DESCR: "Cisco ISR4331 Chassis"',
      'Router1#',
    ].join('\r\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.devices.map((d) => d.name)).toEqual(['Router1'])
    expect(doc.blocks.map((b) => [b.command, b.commandRaw, b.startLine, b.endLine])).toEqual([
      [null, 'terminal length 0', 1, 1],
      ['show crypto isakmp sa', 'sh cry isa sa', 2, 6],
      // the prompt with nothing typed at line 9 ends the output before it; it is counted as ignored
      [null, 'show inventory', 7, 8],
    ])
    // the console message inside the show output is a log fact of its own line
    expect(doc.facts.logEvent.map((e) => [e.source.startLine, e.messageId, e.event])).toEqual([[5, 'CRYPTO-6-ISAKMP_ON_OFF', 'isakmp-on']])
    expect(doc.facts.ikeSa).toHaveLength(1)
    expect(doc.facts.ikeSa[0].source).toEqual({file: 'r1.txt', startLine: 4, endLine: 4, command: 'show crypto isakmp sa', device: 'Router1', vendor: 'cisco'})
    expect(doc.blocks[2].unparsed).toEqual([{line: 8, text: 'NAME: "Chassis", DESCR: "Cisco ISR4331 Chassis"', reason: 'no parser for command "show inventory"'}])
    expect(doc.diagnostics.some((d) => d.message.includes('r1.txt:8'))).toBe(true)
    expect(accounted(doc)).toBe(doc.summary.lines)
    expect(doc.summary.lines).toBe(9)
  })

  it('recognises a headless paste by its content and names the device after the file', async () => {
    const doc = await ingestText(['  ' + ISAKMP[0].replace(/\s+/g, ' '), ISAKMP[1].replace(/\s+/g, ' ')].join('\n'), {file: 'paste-hq.txt'})
    expect(doc.blocks[0]).toMatchObject({detectedBy: 'content', command: 'show crypto isakmp sa', device: 'paste-hq'})
    expect(doc.facts.ikeSa[0].remoteAddress).toBe('172.22.1.4')
  })

  it('uses --device for blocks without a prompt, the prompt otherwise', async () => {
    const doc = await ingestText(['show crypto isakmp sa', ...ISAKMP, 'HQ#show crypto isakmp sa', ...ISAKMP].join('\n'), {file: 'x.txt', device: 'edge1'})
    expect(doc.blocks.map((b) => b.device)).toEqual(['edge1', 'HQ'])
  })

  it('keeps the later output when the same command appears twice, and says so', async () => {
    const later = ISAKMP[1].replace('QM_IDLE', 'MM_NO_STATE')
    const doc = await ingestText(['R1#show crypto isakmp sa', ...ISAKMP, 'R1#show crypto isakmp sa', ISAKMP[0], later].join('\n'), {file: 't.txt'})
    expect(doc.facts.ikeSa.map((f) => f.stateRaw)).toEqual(['MM_NO_STATE'])
    expect(doc.diagnostics.filter((d) => d.message.includes('appears again'))).toHaveLength(1)
  })

  it('reports unreadable inputs and carries on with the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsd-'))
    writeFileSync(join(dir, 'good.txt'), ['R9#show crypto isakmp sa', ...ISAKMP].join('\n'))
    writeFileSync(join(dir, 'empty.txt'), '')
    writeFileSync(join(dir, 'blob.txt'), Buffer.from([0, 1, 2, 3, 255, 0, 7]))
    const doc = await ingestFiles([dir, join(dir, 'missing.txt')])
    const messages = doc.diagnostics.map((d) => d.message)
    expect(messages).toContain(`${join(dir, 'missing.txt')}: no such file or directory`)
    expect(messages).toContain(`${join(dir, 'empty.txt')}: empty capture (no command output found)`)
    expect(messages).toContain(`${join(dir, 'blob.txt')}: binary data, not a text capture`)
    expect(doc.facts.ikeSa).toHaveLength(1)
  })

  it('handles BOM, lone CR line ends and ANSI colour in prompts', async () => {
    const text = '\uFEFF\x1b[1mR2#\x1b[0mshow crypto isakmp sa\r' + ISAKMP.join('\r') + '\r'
    const doc = await ingestText(text, {file: 'cr.txt'})
    expect(doc.blocks[0]).toMatchObject({device: 'R2', command: 'show crypto isakmp sa', facts: 1})
    expect(accounted(doc)).toBe(doc.summary.lines)
  })
})

describe('chassis-cluster output split per node', () => {
  it('certificates of each node carry that node, like the other facts', async () => {
    const {readFileSync} = await import('node:fs')
    const detail = readFileSync(join(import.meta.dirname, 'fixtures', 'junos', 'show-security-pki-local-certificate', 'detail.txt'), 'utf8')
    const text = `{primary:node0}\nadmin@srx-c> show security pki local-certificate detail\nnode0:\n--------------------------------------------------------------------------\n${detail}\nnode1:\n--------------------------------------------------------------------------\n${detail}`
    const doc = await ingestText(text, {file: 'cluster.txt'})
    const certs = doc.facts.certificate
    expect(certs.length).toBeGreaterThanOrEqual(2)
    expect(new Set(certs.map((c) => c.node))).toEqual(new Set(['node0', 'node1']))
    expect(certs.filter((c) => c.node === 'node0').length).toBe(certs.filter((c) => c.node === 'node1').length)
    // the same certificate on both nodes keeps two distinct ids
    expect(new Set(certs.map((c) => c.id)).size).toBe(certs.length)
  })
})

describe('reading in chunks', () => {
  it('cleans a line that spans three chunks when only the first held control characters', async () => {
    const {Readable} = await import('node:stream')
    const {streamLines} = await import('../src/ingest/read.js')
    const chunks = [Buffer.from('R1#show crypto isakmp sa\n\x1b[1m dst\x1b[0m'), Buffer.from(' src state'), Buffer.from(' conn-id\n')]
    const lines: string[] = []
    await streamLines('-', (l) => lines.push(l.text), Readable.from(chunks))
    expect(lines).toEqual(['R1#show crypto isakmp sa', ' dst src state conn-id'])
  })

  it('awaits afterChunk after the lines of each chunk, before reading the next (ingest dispatches there)', async () => {
    const {Readable} = await import('node:stream')
    const {streamLines} = await import('../src/ingest/read.js')
    const events: string[] = []
    const afterChunk = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      events.push('after')
    }
    await streamLines('-', (l) => events.push(l.text), Readable.from([Buffer.from('a\nb\n'), Buffer.from('c\n')]), afterChunk)
    expect(events).toEqual(['a', 'b', 'after', 'c', 'after'])
  })
})

describe('lines not understood', () => {
  it('one warning per file names the count and the first line, so diagnose reports say so too', async () => {
    const text = 'R1#show crypto isakmp sa\ndst             src             state          conn-id slot status\n192.0.2.2       192.0.2.1       QM_IDLE           1001    0 ACTIVE\nJUNK-77 0x3f ==\nzz 12 44 ##\nR1#show crypto nonsense\nwhatever it printed\n'
    const doc = await ingestText(text, {file: 'r1.txt'})
    const notes = doc.diagnostics.filter((d) => d.message.includes('not understood, the first'))
    expect(notes).toEqual([{level: 'warning', file: 'r1.txt', line: 4, message: 'r1.txt:4: 2 line(s) not understood, the first "JUNK-77 0x3f ==" (ipsec-doctor parse lists them all)'}])
    // the unknown command has its own warning and is not counted again
    expect(doc.diagnostics.some((d) => d.message.includes('no parser for command "show crypto nonsense"'))).toBe(true)
    const clean = await ingestText(text.split('JUNK-77')[0], {file: 'r1.txt'})
    expect(clean.diagnostics.filter((d) => d.message.includes('not understood'))).toEqual([])
  })

  it("an author's sentences between outputs are decoration; device-like lines it does not know stay reported", async () => {
    const text = 'Here is what we got on the hub:\nR1#show crypto isakmp sa\ndst src state conn-id status\nand then after a minute:\n192.0.2.2 192.0.2.1 QM_IDLE 1001 ACTIVE\nJUNK-77 0x3f ==\n'
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.facts.ikeSa).toHaveLength(1)
    expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.text))).toEqual(['JUNK-77 0x3f =='])
  })
})
