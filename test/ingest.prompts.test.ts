/**
 * Every golden fixture, pasted after each prompt form engineers' captures show (field-captures.md
 * section 1), goes to the same parser and gives the same facts as the parser fed directly: the
 * prompt is a prior, the command words and the content decide.
 */
import {existsSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {IpsecFlow} from '../src/model/index.js'
import {tunnelEventsOf} from '../src/parsers/log/index.js'
import {ingestText} from '../src/ingest/index.js'
import {bareCommand, leadInCommand} from '../src/ingest/prompt.js'
import {parserById} from '../src/parsers/registry.js'
import {normalizePaste} from '../src/reading/paste.js'
import {isProseLine} from '../src/reading/prose.js'
import {goldenCases} from './helpers/golden.js'
import {cleanText, parseCase, withoutProvenance} from './helpers/metamorphic.js'

const CISCO_PROMPTS: [string, (cmd: string) => string][] = [
  ['R1#', (c) => `R1#${c}`],
  ['R1>', (c) => `R1>${c}`],
  ['config mode do', (c) => `R1(config)#do ${c}`],
  ['config-if do', (c) => `R1(config-if)# do ${c}`],
  ['ASA failover', (c) => `ASA/pri/act# ${c}`],
  ['ASA context', (c) => `fw01/ctx-a# ${c}`],
  ['ASA config', (c) => `ciscoasa(config)# ${c}`],
  ['lost characters', (c) => `2#${c}`],
  ['masked name', (c) => `<hostname>#${c}`],
  ['masked name, config mode', (c) => `<ASA-HQ>(config)# ${c}`],
  ['masked name in brackets', (c) => `[router]#${c}`],
  ['trimmed >', (c) => `> ${c}`],
  ['trimmed $', (c) => `$ ${c}`],
  ['bare command', (c) => c],
  ['lead-in, command first', (c) => `${c} (trimmed):`],
  ['lead-in, command in parentheses', (c) => `From the hub, same minute (${c}):`],
  ['lead-in, output of', (c) => `Output of '${c}':`],
]
const JUNOS_PROMPTS: [string, (cmd: string) => string][] = [
  ['user@host>', (c) => `user@srx1> ${c}`],
  ['host> without user', (c) => `srx1> ${c}`],
  ['masked host', (c) => `admin@<hostname>> ${c}`],
  ['config mode run', (c) => `[edit]\nroot@fw1# run ${c}`],
  ['cluster banner', (c) => `{primary:node0}\nuser@fw> ${c}`],
  ['vc banner', (c) => `{master:0}\nroot@mx1> ${c}`],
  ['trimmed >', (c) => `> ${c}`],
  ['trimmed $', (c) => `$ ${c}`],
  ['bare command', (c) => c],
  ['lead-in, command first', (c) => `${c} on the SRX:`],
  ['lead-in, command in parentheses', (c) => `Our side (${c}):`],
  ['lead-in, output of', (c) => `The output of ${c}:`],
]

function commandOf(txtPath: string, parserCommand: string): string {
  const ctxPath = txtPath.replace(/\.txt$/, '.ctx.json')
  const extra = existsSync(ctxPath) ? JSON.parse(readFileSync(ctxPath, 'utf8')) : {}
  return [parserCommand, ...(extra.args ?? []), ...(extra.pipe ? [extra.pipe] : [])].join(' ')
}

/** Facts in a fixed order (the document groups them by kind). */
const sorted = (facts: unknown[]) => [...facts].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))

/** Cluster captures are split per node by ingest, which a parser fed directly does not do: left out. */
const perNode = (c: {txtPath: string}) => /^\s*node\d+:\s*$/m.test(cleanText(c as never)) || /"node":\s*"/.test(existsSync(c.txtPath.replace(/\.txt$/, '.ctx.json')) ? readFileSync(c.txtPath.replace(/\.txt$/, '.ctx.json'), 'utf8') : '')
const cases = goldenCases().filter((c) => !c.name.startsWith('empty') && !c.name.startsWith('none') && !perNode(c))

describe('prompt forms: the same parser and facts after every prompt', () => {
  for (const c of cases) {
    const parser = parserById(c.parserId)!
    const prompts = parser.vendor === 'junos' ? JUNOS_PROMPTS : CISCO_PROMPTS
    it(`${c.parserId} ${c.name}`, async () => {
      const text = cleanText(c)
      for (const [form, prompt] of prompts) {
        const typed = prompt(commandOf(c.txtPath, parser.command))
        // the parser fed directly sees the output on the same line numbers (ids and values keep them)
        const direct = parseCase(c, '\n'.repeat(typed.split('\n').length) + text)
        const doc = await ingestText(`${typed}\n${text}`, {file: `${c.name}.txt`})
        // (the parser may differ where the content cannot tell platforms apart, as filtered IOS and
        // ASA counter lines: the facts must not)
        const facts = Object.values(doc.facts).flat()
        // ingest also reads the SRX tunnel events a detail output prints as log facts
        const events = tunnelEventsOf(direct.facts.filter((f): f is IpsecFlow => f.kind === 'ipsecFlow'))
        expect(sorted(withoutProvenance(facts)), form).toEqual(sorted(withoutProvenance([...direct.facts, ...events])))
        // ingest sets an author's sentences aside as decoration; a parser fed directly reports them
        expect(doc.summary.unparsedLines, form).toBe(direct.unparsed.filter((u) => !isProseLine(normalizePaste(u.text).text)).length)
      }
    })
  }
})

describe('IOS and ASA print "show crypto ipsec sa": the content decides', () => {
  it('IOS-XE detail output of many flows goes to the IOS parser (IOS prints "protected vrf:" too)', async () => {
    const text = readFileSync('test/fixtures/cisco/show-crypto-ipsec-sa/detail-newer-train.txt', 'utf8')
    // the flow repeated for other peers, as a concentrator prints it: many section lines, no ASA-only line
    const flow = text.slice(text.indexOf('   protected vrf'))
    const body = [1, 2, 3, 4].map((i) => flow.replaceAll('203.0.113.2', `203.0.113.${10 + i}`)).join('\n')
    const doc = await ingestText(`R1#show crypto ipsec sa detail\n${text}\n${body}`, {file: 'r1.txt'})
    expect(doc.blocks.map((b) => b.parser)).toEqual(['cisco/show-crypto-ipsec-sa'])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.ipsecFlow?.map((f) => f.remoteAddress)).toEqual(['203.0.113.2', '203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14'])
  })
})

describe('a debug command pasted without its prompt', () => {
  it('starts the debug output it precedes: no unparsed command line, the debug lines are log facts', async () => {
    const text = [
      'debug crypto condition peer ipv4 192.0.2.61',
      'debug crypto isakmp',
      '*Feb  3 08:12:40.101: ISAKMP:(0):found peer pre-shared key matching 192.0.2.61',
      '*Feb  3 08:12:40.109: ISAKMP:(1031):Old State = IKE_I_MM4  New State = IKE_I_MM5',
      '*Feb  3 08:12:50.115: ISAKMP:(1031): retransmitting phase 1 MM_KEY_EXCH...',
    ].join('\n')
    const doc = await ingestText(text + '\n', {file: 'debug.txt'})
    expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.text))).toEqual([])
    expect(doc.facts.logEvent.length).toBeGreaterThan(0)
    expect(bareCommand('undebug all')).toBe('undebug all')
    expect(bareCommand('debugging is on for crypto')).toBeNull()
  })
})

describe("an author's lead-in that names the command of the output below it", () => {
  it('gives the command, and nothing for lead-ins and device headings that name none', () => {
    expect(leadInCommand('debug crypto ikev2 (trimmed):')).toBe('debug crypto ikev2')
    expect(leadInCommand('Logging buffer, filtered on the peer (show logging | i 198.51.100.40):')).toBe('show logging | i 198.51.100.40')
    expect(leadInCommand('Trace (show log ipsec-trace | match "192.0.2.50|Phase-2" | last 12):')).toBe('show log ipsec-trace | match "192.0.2.50|Phase-2" | last 12')
    expect(leadInCommand("Output of 'show crypto isakmp sa':")).toBe('show crypto isakmp sa')
    expect(leadInCommand('The output of show security ike sa detail | match "Role|Remote":')).toBe('show security ike sa detail | match "Role|Remote"')
    expect(leadInCommand('show crypto ipsec sa peer 192.0.2.1 on the hub:')).toBe('show crypto ipsec sa peer 192.0.2.1')
    expect(leadInCommand('Interfaces using crypto map VPN-MAP:')).toBeNull()
    expect(leadInCommand('Selected lines from the capture:')).toBeNull()
    expect(leadInCommand('R1 debug when R2 initiates:')).toBeNull()
    expect(leadInCommand('show crypto isakmp sa')).toBeNull()
  })

  it('ends the output above it and opens the named one', async () => {
    const text = [
      'FW1# show access-list VPN-ACL',
      'access-list VPN-ACL line 1 extended permit ip 10.40.0.0 255.255.252.0 172.20.8.0 255.255.255.0 (hitcnt=418) 0x9b1e2c07',
      '',
      'Logging buffer, filtered on the peer (show logging | i 198.51.100.40):',
      'Mar 04 2024 14:02:17 FW1 : %ASA-5-713068: Group = 198.51.100.40, IP = 198.51.100.40, Received non-routine Notify message: No proposal chosen (14)',
    ].join('\n')
    const doc = await ingestText(text + '\n', {file: 'fw1.txt'})
    expect(doc.blocks.map((b) => [b.commandRaw, b.parser])).toEqual([['show access-list VPN-ACL', 'cisco/show-access-lists'], ['show logging | i 198.51.100.40', 'log/reader']])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.logEvent.map((e) => [e.event, e.peer])).toEqual([['proposal-mismatch', '198.51.100.40']])
  })
})

describe('a debug continuation line quoted in a mail', () => {
  it('stays with the message it continues: indented under the quote marker', async () => {
    const text = [
      'Partner sent this:',
      '> Mar  4 13:02:47.880 UTC: IPSEC(ipsec_process_proposal): transform proposal not supported for identity:',
      '>     {esp-aes 256 esp-sha-hmac }',
      '> Mar  4 13:02:47.881 UTC: ISAKMP-ERROR: (1093):phase 2 SA policy not acceptable! (local 198.51.100.40 remote 203.0.113.77)',
    ].join('\n')
    const doc = await ingestText(text + '\n', {file: 'mail.txt'})
    expect(doc.facts.logEvent.map((e) => [e.source.startLine, e.source.endLine])).toEqual([[2, 3], [4, 4]])
  })
})

describe('commands an ASA session holds besides show commands', () => {
  it('packet-tracer and changeto end the output above them; undebug all prints nothing to read', async () => {
    const text = [
      'fw01/tenant-b# show crypto ipsec sa peer 192.0.2.66 | include encaps|decaps',
      '    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0',
      '    #pkts decaps: 1542, #pkts decrypt: 1542, #pkts verify: 1542',
      'fw01/tenant-b# packet-tracer input inside tcp 10.50.12.40 51514 172.20.9.15 443 detailed',
      'Phase: 1',
      'Type: ACCESS-LIST',
      'fw01/tenant-b# changeto system',
      'fw01# undebug all',
      'All possible debugging has been turned off',
      'fw01# ',
    ].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'fw01.txt'})
    expect(doc.blocks.map((b) => b.commandRaw)).toEqual([
      'show crypto ipsec sa peer 192.0.2.66 | include encaps|decaps', 'packet-tracer input inside tcp 10.50.12.40 51514 172.20.9.15 443 detailed', 'changeto system', 'undebug all',
    ])
    // the counters stay the flow's; only the packet-tracer lines (no parser) are reported
    expect(doc.facts.ipsecFlow.map((f) => [f.encaps, f.decaps])).toEqual([[0, 1542]])
    expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.line))).toEqual([5, 6])
  })
})
