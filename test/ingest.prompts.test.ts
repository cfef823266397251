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
import {bareCommand} from '../src/ingest/prompt.js'
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
  ['trimmed >', (c) => `> ${c}`],
  ['trimmed $', (c) => `$ ${c}`],
  ['bare command', (c) => c],
]
const JUNOS_PROMPTS: [string, (cmd: string) => string][] = [
  ['user@host>', (c) => `user@srx1> ${c}`],
  ['host> without user', (c) => `srx1> ${c}`],
  ['config mode run', (c) => `[edit]\nroot@fw1# run ${c}`],
  ['cluster banner', (c) => `{primary:node0}\nuser@fw> ${c}`],
  ['vc banner', (c) => `{master:0}\nroot@mx1> ${c}`],
  ['trimmed >', (c) => `> ${c}`],
  ['trimmed $', (c) => `$ ${c}`],
  ['bare command', (c) => c],
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
