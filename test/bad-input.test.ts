/**
 * The bad-input corpus (test/bad-input/, outcomes in cases.ts) through the library and through the
 * built CLI, plus inputs made at test time: a directory with thousands of files, a missing path and
 * an unreadable file. The 200 MB capture is in bad-input-large.test.ts.
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {Readable} from 'node:stream'
import {ingestFiles} from '../src/ingest/index.js'
import {streamLines} from '../src/ingest/read.js'
import {ParseDocument} from '../src/model/index.js'
import {CASES, type BadInputCase} from './bad-input/cases.js'
import {
  CORPUS,
  ROOT,
  ensureBuilt,
  escapeRegex,
  expectEveryLineAccounted,
  expectFileLineInMessages,
  expectNoStackTrace,
  runCli,
} from './bad-input/helpers.js'

function pathOf(c: BadInputCase): string {
  return relative(ROOT, join(CORPUS, c.file))
}

function expectDiagnostics(doc: ParseDocument, c: BadInputCase, file: string): void {
  for (const want of c.diagnostics) {
    const re = new RegExp(want.pattern.split('{file}').join(escapeRegex(file)))
    const hit = doc.diagnostics.some((d) => d.level === want.level && re.test(d.message))
    expect(hit, `${want.level} /${re.source}/ in ${JSON.stringify(doc.diagnostics)}`).toBe(true)
  }
  if (c.exitCode === 0) expect(doc.diagnostics.filter((d) => d.level === 'error')).toEqual([])
}

function expectCase(doc: ParseDocument, c: BadInputCase, file: string): void {
  expect(doc.summary.lines).toBe(c.lines)
  expectEveryLineAccounted(doc)
  expectFileLineInMessages(doc)
  expectDiagnostics(doc, c, file)
  for (const [kind, n] of Object.entries(c.facts)) expect(doc.facts[kind as keyof typeof doc.facts].length, kind).toBe(n)
  expect(doc.devices.map((d) => `${d.name}/${d.vendor}`)).toEqual(c.devices)
  expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.line))).toEqual(c.unparsedLines)
}

describe('bad-input corpus through the library', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.what}`, async () => {
      const file = pathOf(c)
      const doc = await ingestFiles([file])
      expect(() => ParseDocument.parse(doc)).not.toThrow()
      expectCase(doc, c, file)
    })
  }

  it('CRLF, lone CR, BOM and LF give the same facts', async () => {
    const strip = (doc: ParseDocument) => doc.facts.ikeSa.map(({source, ...rest}) => ({...rest, lines: [source.startLine, source.endLine]}))
    const [crlf, cr, bom] = await Promise.all(['crlf.txt', 'lone-cr.txt', 'bom.txt'].map((f) => ingestFiles([join(CORPUS, f)])))
    expect(strip(cr)).toEqual(strip(crlf))
    expect(strip(bom)).toEqual(strip(crlf))
    expect(crlf.facts.ikeSa.map((sa) => sa.remoteAddress)).toEqual(['172.22.1.4', '172.22.1.9'])
  })

  it('the truncated SA keeps the values printed before the cut', async () => {
    const doc = await ingestFiles([join(CORPUS, 'truncated-sa.txt')])
    expect(doc.facts.ipsecSa[0].spi).toBe(0x5a48acc4)
    expect(doc.facts.ipsecSa[0].direction).toBe('inbound')
    expect(doc.facts.ipsecFlow[0].decaps).toBe(1156)
  })

  it('rows behind --More-- and backspaces are read with their values', async () => {
    const doc = await ingestFiles([join(CORPUS, 'more-backspace.txt')])
    expect(doc.facts.ikeSa.map((sa) => sa.connId)).toEqual(Array.from({length: 30}, (_, i) => i + 1))
    expect(doc.facts.ikeSa[4].remoteAddress).toBe('172.22.2.5')
  })
})

describe('bad-input corpus through the CLI', () => {
  beforeAll(() => ensureBuilt(), 120_000)

  for (const c of CASES) {
    it(`parse ${c.file} exits ${c.exitCode} (--strict ${c.strictExitCode}) without a stack trace`, () => {
      const file = pathOf(c)
      const json = runCli(['parse', file, '--json'])
      expectNoStackTrace(json.stderr)
      expect(json.status, json.stderr).toBe(c.exitCode)
      const doc = ParseDocument.parse(JSON.parse(json.stdout))
      expectCase(doc, c, file)

      // without --json the diagnostics are printed on stderr, one line each
      const strict = runCli(['parse', file, '--strict'])
      expectNoStackTrace(strict.stderr + strict.stdout)
      expect(strict.status).toBe(c.strictExitCode)
      for (const d of doc.diagnostics.filter((x) => x.level !== 'info')) expect(strict.stderr).toContain(d.message)
    })
  }
})

describe('inputs made at test time', () => {
  let dir: string
  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-bad-'))
  }, 120_000)
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('a directory with 2,000 capture files', async () => {
    const many = join(dir, 'many')
    mkdirSync(many)
    for (let i = 0; i < 2000; i++) {
      const peer = `10.${Math.floor(i / 250)}.${i % 250}.1`
      writeFileSync(join(many, `r${String(i).padStart(4, '0')}.txt`), `r${i}#show crypto isakmp sa\ndst             src             state          conn-id slot\n${peer}        192.0.2.1       QM_IDLE              1    0\n`)
    }
    const doc = await ingestFiles([many])
    expect(doc.summary.files).toBe(2000)
    expect(doc.devices).toHaveLength(2000)
    expect(doc.facts.ikeSa).toHaveLength(2000)
    expectEveryLineAccounted(doc)
    const cli = runCli(['parse', many, '--json'])
    expectNoStackTrace(cli.stderr)
    expect(cli.status).toBe(0)
    expect(JSON.parse(cli.stdout).summary.facts).toBe(2000)
  })

  it('a missing path: exit 2 and one line naming it, the other inputs still read', async () => {
    const missing = join(dir, 'no-such-capture.txt')
    const good = join(CORPUS, 'crlf.txt')
    const doc = await ingestFiles([missing, good])
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({level: 'error', file: missing, message: `${missing}: no such file or directory`}))
    expect(doc.facts.ikeSa).toHaveLength(2)
    const cli = runCli(['parse', missing, good])
    expectNoStackTrace(cli.stderr)
    expect(cli.status).toBe(2)
    expect(cli.stderr).toContain(`${missing}: no such file or directory`)
  })

  it('a file without read permission (root can read it anyway: then it is parsed)', async () => {
    const locked = join(dir, 'locked.txt')
    writeFileSync(locked, 'R9#show crypto isakmp sa\ndst src state conn-id slot\n10.9.9.9 10.9.9.1 QM_IDLE 1 0\n')
    chmodSync(locked, 0o000)
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
    const doc = await ingestFiles([locked])
    const cli = runCli(['parse', locked])
    expectNoStackTrace(cli.stderr)
    if (isRoot) {
      // root bypasses file modes: the file is read like any other...
      expect(doc.facts.ikeSa).toHaveLength(1)
      expect(cli.status).toBe(0)
      // ...so the refusal is checked by running the CLI as an unprivileged user (nobody, uid 65534),
      // when that user can reach the checkout at all; else the error mapping is checked in-process.
      chmodSync(dir, 0o755)
      const home = mkdtempSync(join(tmpdir(), 'nobody-home-'))
      chmodSync(home, 0o777)
      const asNobody = (args: string[]) => spawnSync(process.execPath, args, {
        cwd: tmpdir(), encoding: 'utf8', timeout: 60_000, uid: 65534, gid: 65534, env: {...process.env, HOME: home, NO_COLOR: '1'},
      })
      const cliReachable = asNobody(['-e', 'require("fs").accessSync(process.argv[1], 4)', join(ROOT, 'bin', 'run.js')]).status === 0
      if (cliReachable) {
        const refused = asNobody([join(ROOT, 'bin', 'run.js'), 'parse', locked])
        expectNoStackTrace(refused.stderr)
        expect(refused.stderr).toContain(`${locked}: permission denied`)
        expect(refused.status).toBe(2)
      } else {
        const denied = Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'})
        const failing = new Readable({read() { this.destroy(denied) }})
        expect((await streamLines('-', () => {}, failing)).error).toBe('-: permission denied')
      }
      rmSync(home, {recursive: true, force: true})
    } else {
      expect(doc.diagnostics).toContainEqual(expect.objectContaining({level: 'error', message: `${locked}: permission denied`}))
      expect(cli.status).toBe(2)
      expect(cli.stderr).toContain(`${locked}: permission denied`)
    }
    chmodSync(locked, 0o600)
  })
})
