/**
 * A 200 MB capture made at test time (never committed): a Cisco hub with 2,000 tunnels whose
 * output is buried in ~1.3 million syslog lines, as when `terminal monitor` was left on. It is
 * read through the library in a child process (to measure its peak RSS) and through the CLI.
 * Memory must follow the facts kept, not the bytes scanned: a reader that held the file as one
 * string would need over 400 MB for the text alone.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {captureChunks, buildDevice, writeChunks} from '../src/gen/index.js'
import {ParseDocument} from '../src/model/index.js'
import {ROOT, ensureBuilt, expectEveryLineAccounted, expectNoStackTrace, runCli} from './bad-input/helpers.js'

const TARGET_BYTES = 200 * 1024 * 1024
const TUNNELS = 2000
const RSS_LIMIT_MB = 300

/** "*Nov 23 10:15:32.123: %CRYPTO-6-..." lines, in batches of ~1 MB. */
function* syslogBatches(bytes: number, startSecond: number): Generator<string> {
  let written = 0
  let second = startSecond
  while (written < bytes) {
    const batch: string[] = []
    let size = 0
    while (size < 1 << 20 && written + size < bytes) {
      const h = String(Math.floor(second / 3600) % 24).padStart(2, '0')
      const m = String(Math.floor(second / 60) % 60).padStart(2, '0')
      const s = String(second % 60).padStart(2, '0')
      const line = `*Nov 23 ${h}:${m}:${s}.${String(second % 1000).padStart(3, '0')}: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=198.51.100.1, prot=50, spi=0x${(second * 2654435761 >>> 0).toString(16)}(${second}), srcaddr=10.1.${second % 250}.${(second >> 8) % 250}\n`
      batch.push(line)
      size += line.length
      second++
    }
    written += size
    yield batch.join('')
  }
}

/** The generated capture with syslog bursts between and inside the command outputs. */
function* bigCapture(): Generator<string> {
  const device = buildDevice({vendor: 'cisco', tunnels: TUNNELS, faults: 0.1, seed: 200})
  const perBurst = Math.floor(TARGET_BYTES / 6)
  let burst = 0
  for (const chunk of captureChunks(device)) {
    yield chunk
    // a burst after the clock, after the ISAKMP header and in the middle of the SA output
    if (chunk.startsWith('hub-rtr1#show clock') || chunk.startsWith('dst ') || (chunk.includes('current_peer: 10.1.3.') && burst < 6)) {
      if (burst < 6) yield* syslogBatches(perBurst, burst * 100_000)
      burst++
    }
  }
}

describe('a 200 MB capture', () => {
  let dir: string
  let file: string
  let lines = 0

  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-large-'))
    file = join(dir, 'hub-rtr1.log')
    const counted = function* (): Generator<string> {
      for (const chunk of bigCapture()) {
        for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++
        yield chunk
      }
    }
    writeChunks(counted(), file)
  }, 120_000)

  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('is really about 200 MB', () => {
    expect(statSync(file).size).toBeGreaterThan(TARGET_BYTES * 0.95)
    expect(lines).toBeGreaterThan(1_000_000)
  })

  it('is read by the library in bounded memory, every line accounted for', {timeout: 180_000}, () => {
    const script = [
      `const {ingestFiles} = await import(${JSON.stringify(join(ROOT, 'dist', 'ingest', 'index.js'))})`,
      'const started = performance.now()',
      `const doc = await ingestFiles([${JSON.stringify(file)}])`,
      'const ms = performance.now() - started',
      'process.stdout.write(JSON.stringify({ms, maxRssMb: process.resourceUsage().maxRSS / 1024, doc}))',
    ].join('\n')
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 170_000})
    expectNoStackTrace(r.stderr)
    expect(r.status, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {ms: number; maxRssMb: number; doc: ParseDocument}
    console.info(`200 MB capture: ${Math.round(out.ms)} ms, peak RSS ${Math.round(out.maxRssMb)} MB, ${out.doc.summary.lines} lines`)
    expect(out.doc.summary.lines).toBe(lines)
    expectEveryLineAccounted(out.doc)
    expect(out.doc.facts.ikeSa).toHaveLength(TUNNELS)
    expect(out.doc.facts.ipsecFlow).toHaveLength(TUNNELS)
    expect(out.doc.summary.unparsedLines).toBe(0)
    expect(out.maxRssMb).toBeLessThan(RSS_LIMIT_MB)
  })

  it('is parsed by the CLI with exit 0 and no stack trace', {timeout: 180_000}, () => {
    const r = runCli(['parse', file, '--json'], 170_000)
    expectNoStackTrace(r.stderr)
    expect(r.status, r.stderr.slice(0, 2000)).toBe(0)
    const summary = JSON.parse(r.stdout).summary
    expect(summary.lines).toBe(lines)
    expect(summary.unparsedLines).toBe(0)
  })
})
