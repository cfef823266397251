/**
 * Full wizard sessions in a real pseudo-terminal: tmux runs `node bin/dev.js troubleshoot`, the test
 * types and pastes (tmux paste-buffer, as a terminal paste arrives) and reads the screen back.
 * tmux comes from .ci/run (apt-get install -y tmux).
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const FIX = join(import.meta.dirname, 'fixtures', 'wizard')

class TmuxSession {
  private readonly socket = `ipsec-doctor-wizard-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  private readonly dir = mkdtempSync(join(tmpdir(), 'wizard-tmux-'))
  private seen = 0

  constructor(command: string) {
    const conf = join(this.dir, 'tmux.conf')
    writeFileSync(conf, 'set -g history-limit 20000\nset -g status off\n')
    // The pane stays open after the CLI ends so the exit line can be read.
    const script = `cd '${ROOT}' && NO_COLOR=1 ${command}; echo "[exit $?]"; sleep 120`
    this.tmux('-f', conf, 'new-session', '-d', '-x', '200', '-y', '50', '-s', 'w', script)
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'})
  }

  /** The whole pane, scroll-back included, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-20000', '-t', 'w')
  }

  /** Waits until `needle` shows up after the previous match. */
  async waitFor(needle: string, timeoutMs = 20_000): Promise<void> {
    const start = Date.now()
    for (;;) {
      const text = this.screen()
      const idx = text.indexOf(needle, this.seen)
      if (idx >= 0) {
        this.seen = idx + 1
        return
      }
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for "${needle}"; screen:\n${text.slice(-3000)}`)
      await new Promise((r) => setTimeout(r, 40))
    }
  }

  /** Waits for the first of several patterns after the previous match; returns which one and its groups. */
  async waitForAny(patterns: RegExp[], timeoutMs = 20_000): Promise<{index: number; match: RegExpMatchArray}> {
    const start = Date.now()
    for (;;) {
      const rest = this.screen().slice(this.seen)
      let best: {index: number; match: RegExpMatchArray} | null = null
      patterns.forEach((p, index) => {
        const match = rest.match(p)
        if (match && (best === null || match.index! < best.match.index!)) best = {index, match}
      })
      if (best !== null) {
        const found = best as {index: number; match: RegExpMatchArray}
        this.seen += found.match.index! + 1
        return found
      }
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${patterns.join(' | ')}; screen:\n${rest.slice(-3000)}`)
      await new Promise((r) => setTimeout(r, 40))
    }
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'w', ...keys)
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'w', '-l', text)
  }

  /** Pastes a file the way a terminal paste arrives, then ends the input with ".". */
  paste(file: string): void {
    this.tmux('load-buffer', '-b', 'cap', file)
    this.tmux('paste-buffer', '-d', '-b', 'cap', '-t', 'w')
    this.keys('Enter')
    this.type('.')
    this.keys('Enter')
  }

  async answer(prompt: string, ...keys: string[]): Promise<void> {
    await this.waitFor(prompt)
    if (keys.length > 0) this.keys(...keys)
  }

  kill(): void {
    try {
      this.tmux('kill-server')
    } catch {
      // already gone
    }
  }
}

type Give = {paste: string} | {path: string}

const GRAPH = JSON.parse(readFileSync(join(ROOT, 'src', 'wizard', 'graph.json'), 'utf8')) as {questions: {id: string; text: string}[]}
// Escapes regex syntax in question texts, e.g. the "?" and "(" of "Is there a NAT device (or a provider CGNAT) ...?".
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Answers every capture request until the report: outputs listed in `plan` (by command, one entry per
 * time it is asked) are pasted or given as a path; any other command the rules ask for is skipped (the
 * rule set grows; the session must still end). Fact questions get `facts` (by question id; others
 * "Don't know"). Returns the commands asked and the questions asked, in order.
 */
async function drive(s: TmuxSession, plan: Record<string, Give[]>, facts: Record<string, 'yes' | 'no'>): Promise<{asked: string[]; questions: string[]}> {
  const asked: string[] = []
  const questions: string[] = []
  // Matches '? How do you give the output of "show clock"?' and its 'Try again: how ...' form.
  const capture = /(?:Try again: h|H)ow do you give the output of "([^"]+)"\?/
  // Matches '? Is there a NAT device (or a provider CGNAT) between the two peers?' per question.
  const factPatterns = GRAPH.questions.map((q) => new RegExp(`\\? ${escape(q.text)}`))
  // Matches 'Findings for "Tunnel down / never came up", most likely first'.
  const report = /Findings for "/
  for (;;) {
    const {index, match} = await s.waitForAny([capture, report, ...factPatterns])
    if (index === 1) return {asked, questions}
    if (index >= 2) {
      const q = GRAPH.questions[index - 2]
      questions.push(q.id)
      const answer = facts[q.id]
      // Choices: Yes, No, Don't know (the default); the list wraps around.
      s.keys(...(answer === 'yes' ? ['Down', 'Enter'] : answer === 'no' ? ['Up', 'Enter'] : ['Enter']))
      continue
    }
    const command = match[1]
    asked.push(command)
    const give = plan[command]?.shift()
    if (!give) {
      s.keys('Up', 'Enter') // last choice: skip
    } else if ('paste' in give) {
      s.keys('Enter')
      await s.waitFor(`Paste the output of "${command}" from`)
      s.paste(give.paste)
    } else {
      s.keys('Down', 'Enter')
      await s.waitFor('Path of the capture file:')
      s.type(give.path)
      s.keys('Enter')
    }
  }
}

let session: TmuxSession | null = null
afterEach(() => {
  session?.kill()
  session = null
})

describe('troubleshoot in a real terminal (tmux)', {timeout: 120_000}, () => {
  it('tunnel down on Cisco IOS: paste, bad paste, file, follow-up, facts, ranked fix, save', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wizard-tmux-out-'))
    const s = (session = new TmuxSession('node bin/dev.js troubleshoot'))
    await s.answer('What is the problem?', 'Enter')
    await s.answer('Which platform is this side', 'Enter')
    await s.waitFor('Name of this device')
    s.type('HQ')
    s.keys('Enter')
    await s.answer('Can you also capture outputs on the remote peer?', 'Enter')
    await s.waitFor('Step 1 · on HQ (Cisco IOS')

    const {asked, questions} = await drive(
      s,
      {
        // First the output of another command, then the right one (a log: the clock, then the listing).
        'show crypto isakmp sa': [{paste: join(FIX, 'hq-drops.txt')}, {paste: join(FIX, 'hq-clock-isakmp.txt')}],
        'show crypto ipsec sa': [{path: join(FIX, 'hq-ipsec-no-sa.txt')}],
        'show crypto engine connections dropped-packet': [{paste: join(FIX, 'hq-drops.txt')}],
      },
      {'nat-between-peers': 'no', 'firewall-between-peers': 'yes'},
    )
    // The symptom's own list first (graph: the phase 1 listing, no clock, then the crypto configuration, skipped here),
    // then what the rules asked for: the dropped-packet output.
    expect(asked.slice(0, 5)).toEqual(['show crypto isakmp sa', 'show crypto isakmp sa', 'show crypto ipsec sa', 'show running-config | section crypto', 'show crypto engine connections dropped-packet'])
    expect(asked).not.toContain('show clock')
    expect(questions).toEqual(expect.arrayContaining(['nat-between-peers', 'firewall-between-peers']))
    await s.answer('Save this session (captures and findings) as Markdown and JSON?', 'Up', 'Enter')
    await s.waitFor('Markdown file (empty: none):')
    s.keys('C-u')
    s.type(join(out, 'hq.md'))
    s.keys('Enter')
    await s.waitFor('JSON file, replayable with --answers (empty: none):')
    s.keys('C-u')
    s.type(join(out, 'hq.json'))
    s.keys('Enter')
    await s.waitFor('[exit 0]')

    const screen = s.screen()
    expect(screen).toContain('✘ That looks like the output of "show crypto engine connections dropped-packet", not of "show crypto isakmp sa"')
    // Matches "✔ Understood: 2 IKE SAs (1 deleted), peer 192.0.2.2 in MM_NO_STATE, device time 2026-11-23T14:02:11.508Z".
    expect(screen).toMatch(/✔ Understood: 2 IKE SAs \(1 deleted\), peer 192\.0\.2\.2 in MM_NO_STATE.*device time 2026-11-23T14:02:11\.508Z/)
    expect(screen).toContain('✔ Understood: 1 IPsec flow (0 with SAs), encaps 0 / decaps 0')
    expect(screen).toContain('✔ Understood: 42 packets dropped without a connection')
    // Matches the follow-up step: "More data needed ..." then the command, the "Why:" line and "  Needed by: ...".
    expect(screen).toMatch(/More data needed[\s\S]*show crypto engine connections dropped-packet\n.*\n {2}Needed by: .*ike-stuck-mm-no-state/)
    const report = screen.slice(screen.indexOf('Findings for "Tunnel down'))
    // Matches "1. ERROR ike-stuck-mm-no-state on HQ: peer 192.0.2.2 conn-id 2001".
    expect(report).toMatch(/^1\. (ERROR|WARNING) ike-stuck-mm-no-state on HQ: peer 192\.0\.2\.2/m)
    expect(report).toContain('<HQ: show crypto isakmp sa>:5  state = MM_NO_STATE')
    expect(report).toContain('Likely causes: 1) No reply from the peer: UDP 500 blocked')
    expect(report).toContain('Fix on HQ (Cisco IOS (classic crypto maps, IKEv1)):')
    // Matches "     1. ping 192.0.2.2 source <interface>  Check that ...".
    expect(report).toMatch(/1\. ping 192\.0\.2\.2 source/)
    expect(report).toContain('After the fix, confirm it with:')
    expect(report).toContain('on HQ: show crypto isakmp sa  (expect one established row per peer')
    expect(report).toContain(`✔ Saved ${join(out, 'hq.md')}`)
    expect(readFileSync(join(out, 'hq.md'), 'utf8')).toContain('### HQ: `show crypto isakmp sa`')
    const json = JSON.parse(readFileSync(join(out, 'hq.json'), 'utf8'))
    expect(json.facts).toMatchObject({'nat-between-peers': 'no', 'firewall-between-peers': 'yes'})
    expect(json.ranked[0].finding.ruleId).toBe('ike-stuck-mm-no-state')
  })

  it('one-way traffic with both peers (Cisco IOS and legacy Junos): skips, pastes, zero decaps found', async () => {
    const s = (session = new TmuxSession('node bin/dev.js troubleshoot'))
    await s.answer('What is the problem?', 'Down', 'Enter')
    await s.waitFor('One-way traffic')
    await s.answer('Which platform is this side', 'Enter')
    await s.waitFor('Name of this device')
    s.type('BR')
    s.keys('Enter')
    await s.answer('Can you also capture outputs on the remote peer?', 'Up', 'Enter')
    await s.answer('Which platform is the remote peer?', 'Up', 'Enter') // last entry: Juniper legacy
    await s.waitFor('Name of the remote device')
    s.type('dcgw')
    s.keys('Enter')

    const {asked} = await drive(
      s,
      {
        'show crypto ipsec sa': [{paste: join(FIX, 'br-ipsec-one-way.txt')}],
        'show crypto isakmp sa': [{paste: join(FIX, 'br-isakmp-up.txt')}],
        'show ipsec security-associations detail': [{paste: join(FIX, 'dcgw-ipsec.txt')}],
        'show ike security-associations detail': [{paste: join(FIX, 'dcgw-ike.txt')}],
      },
      {'nat-between-peers': 'no'},
    )
    // One-way starts with the IPsec counters on each side (no clock); the engine output is skipped.
    expect(asked.slice(0, 5)).toEqual([
      'show crypto ipsec sa',
      'show crypto isakmp sa',
      'show crypto engine connections active',
      'show ipsec security-associations detail',
      'show ike security-associations detail',
    ])
    await s.answer('Save this session', 'Enter') // No
    await s.waitFor('[exit 0]')

    const screen = s.screen()
    expect(screen).toContain('on dcgw (Juniper legacy ES-PIC / J-series')
    expect(screen).toContain('✔ Understood: 1 IPsec flow (1 with SAs), encaps 5120 / decaps 0, 2 IPsec SAs (1 in, 1 out)')
    expect(screen).toContain('✔ Understood: 1 IKE SA, peer 203.0.113.50 in Matured')
    const report = screen.slice(screen.indexOf('Findings for "One-way traffic'))
    // Matches "1. ERROR ipsec-zero-decaps on BR: flow 10.50.0.0/24 -> 10.60.0.0/24 peer 198.51.100.9".
    expect(report).toMatch(/^1\. ERROR ipsec-zero-decaps on BR: .*peer 198\.51\.100\.9/m)
    expect(report).toContain('#pkts encaps = 5120')
    expect(report).toContain('Fix on BR (Cisco IOS (classic crypto maps, IKEv1)):')
    expect(report).toContain('clear crypto sa peer 198.51.100.9')
    expect(report).toContain('[drops traffic]')
    expect(report).toContain('on dcgw: show ipsec security-associations detail')
    expect(asked).not.toContain('show clock')
    expect(asked).not.toContain('show system uptime')
    expect(report).toContain('BR: show crypto engine connections active (skipped)')
  })

  it('Ctrl-C in the middle of a paste exits with one line and status 130', async () => {
    const s = (session = new TmuxSession('node bin/dev.js troubleshoot'))
    await s.answer('What is the problem?', 'Enter')
    await s.answer('Which platform is this side', 'Enter')
    await s.waitFor('Name of this device')
    s.keys('Enter')
    await s.answer('Can you also capture outputs on the remote peer?', 'Enter')
    await s.answer('How do you give the output of "show crypto isakmp sa"?', 'Enter')
    await s.waitFor('Paste the output')
    s.type('dst             src             state          conn-id slot status')
    s.keys('Enter', 'C-c')
    await s.waitFor('Cancelled: troubleshooting session ended, nothing saved.')
    await s.waitFor('[exit 130]')
    // A stack frame looks like "    at Session.run (/work/main/src/wizard/session.ts:71:5)".
    expect(s.screen()).not.toMatch(/at .*\.(js|ts):\d+/) // no stack trace
  })
})
