/**
 * npm run bench: parse throughput, diagnose time (in-process and through the built CLI), peak RSS,
 * cold start and linearity for generated Cisco and Junos devices with 100, 1,000 and 10,000 tunnels.
 * Writes bench/results.md and prints it. Never part of `npm test`.
 *
 * Env: BENCH_SIZES=100,1000 (default 100,1000,10000), BENCH_NO_BUILD=1 to reuse dist/ as it is.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import {join} from 'node:path'
import {writeCapture} from '../src/gen/index.js'
import {diagnose, loadRules} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import {benchEngine} from './engine.bench.js'
import {ROOT, cpuRuns, fmt, median, runNode, table, timeRuns, verdict} from './lib.js'

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number)
const VENDORS = ['cisco', 'junos'] as const
const AT = '2026-11-23T12:00:00Z'
const TARGET_PARSE_MBS = 80
const TARGET_E2E_MS = 2000
const TARGET_RSS_MB = 400
const TARGET_HELP_MS = 200

interface Row {
  vendor: string
  tunnels: number
  bytes: number
  lines: number
  facts: number
  findings: number
  parseMs: number
  parseCpuMs: number
  diagnoseMs: number
  cliMs: number
  cliRssMb: number | null
  cliStatus: number | null
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}

function build(): void {
  if (process.env.BENCH_NO_BUILD === '1') return
  log('building dist/ (tsc -p tsconfig.build.json)')
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, encoding: 'utf8'})
  // tsc still writes dist/ when it reports type errors; measure what was emitted and say so
  if (r.status !== 0) log(`build reported errors, measuring the emitted dist/ anyway:\n${r.stdout}${r.stderr}`)
}

async function measure(vendor: (typeof VENDORS)[number], tunnels: number, dir: string, rules: ReturnType<typeof loadRules>['rules']): Promise<Row> {
  const file = join(dir, `${vendor}-${tunnels}.txt`)
  const {bytes} = writeCapture({vendor, tunnels, faults: 0.1, seed: 7}, file)
  const runs = tunnels >= 10_000 ? 3 : 5
  let doc = await ingestFiles([file])
  const parseMs = median(await timeRuns(runs, async () => (doc = await ingestFiles([file]))))
  const parseCpuMs = await cpuRuns(runs, async () => (doc = await ingestFiles([file])))
  let findings = 0
  const diagnoseMs = median(
    await timeRuns(runs, async () => {
      findings = (await diagnose(doc, {rules, at: AT})).findings.length
    }),
  )
  const cli = [0, 1, 2].map(() => runNode([join(ROOT, 'bin', 'run.js'), 'diagnose', file, '--format', 'json', '--at', AT], join(dir, 'rss.txt')))
  const cliMs = median(cli.map((c) => c.ms))
  const rss = cli.map((c) => c.maxRssMb).filter((v): v is number => v !== null)
  if (cli.some((c) => c.status !== 0 && c.status !== 1)) log(`${vendor} ${tunnels}: diagnose exited ${cli[0].status}: ${cli[0].stderr.slice(0, 300)}`)
  log(`${vendor} ${tunnels} tunnels: parse ${fmt(parseMs)} ms, diagnose ${fmt(diagnoseMs)} ms, CLI ${fmt(cliMs)} ms`)
  return {
    vendor,
    tunnels,
    bytes,
    lines: doc.summary.lines,
    facts: doc.summary.facts,
    findings,
    parseMs,
    parseCpuMs,
    diagnoseMs,
    cliMs,
    cliRssMb: rss.length > 0 ? Math.max(...rss) : null,
    cliStatus: cli[0].status,
  }
}

function coldStart(dir: string): {helpMs: number; smallMs: number; smallFile: string} {
  const smallFile = join(dir, 'small.txt')
  writeCapture({vendor: 'cisco', tunnels: 5, faults: 0.4, seed: 1}, smallFile)
  const rssFile = join(dir, 'rss.txt')
  runNode([join(ROOT, 'bin', 'run.js'), '--help'], rssFile) // fill the file cache once
  const help = Array.from({length: 7}, () => runNode([join(ROOT, 'bin', 'run.js'), '--help'], rssFile).ms)
  const small = Array.from({length: 7}, () => runNode([join(ROOT, 'bin', 'run.js'), 'diagnose', smallFile, '--at', AT], rssFile).ms)
  return {helpMs: median(help), smallMs: median(small), smallFile}
}

function linearity(rows: Row[]): string[][] {
  const out: string[][] = []
  for (const vendor of VENDORS) {
    const mine = rows.filter((r) => r.vendor === vendor).sort((a, b) => a.tunnels - b.tunnels)
    for (let i = 1; i < mine.length; i++) {
      const [a, b] = [mine[i - 1], mine[i]]
      const scale = b.tunnels / a.tunnels
      const parseRatio = b.parseMs / a.parseMs / scale
      const diagRatio = b.diagnoseMs / a.diagnoseMs / scale
      // below ~30 ms fixed costs and scheduling noise dominate: such a step gets no verdict
      const judged = [a.parseMs >= 30 ? parseRatio : null, a.diagnoseMs >= 30 ? diagRatio : null].filter((x): x is number => x !== null)
      const word = judged.length === 0 ? 'too short to judge' : judged.every((x) => x <= 1.5) ? 'linear' : 'SUPER-LINEAR'
      out.push([vendor, `${fmt(a.tunnels)} -> ${fmt(b.tunnels)}`, `x${fmt(scale)}`, fmt(parseRatio, 2), fmt(diagRatio, 2), word])
    }
  }
  return out
}

async function main(): Promise<void> {
  build()
  const dir = mkdtempSync(join(os.tmpdir(), 'ipsec-doctor-bench-'))
  const loadBefore = os.loadavg()
  try {
    const {rules, errors} = loadRules()
    if (errors.length > 0) log(`rule pack has ${errors.length} load error(s); benchmarking the rules that loaded`)
    // warm-up: JIT and module loading out of the first measurement
    const warm = join(dir, 'warm.txt')
    writeCapture({vendor: 'cisco', tunnels: 50, faults: 0.2, seed: 3}, warm)
    await diagnose(await ingestFiles([warm]), {rules, at: AT})

    const rows: Row[] = []
    for (const tunnels of SIZES) for (const vendor of VENDORS) rows.push(await measure(vendor, tunnels, dir, rules))
    log('cold start')
    const cold = coldStart(dir)
    log('engine benchmark (bench/engine.bench.ts)')
    const engine: Array<Awaited<ReturnType<typeof benchEngine>> | {tunnels: number; error: string}> = []
    for (const n of [1000, 10_000].filter((x) => x <= Math.max(...SIZES))) {
      try {
        engine.push(await benchEngine(n))
      } catch (error) {
        engine.push({tunnels: n, error: (error as Error).message.slice(0, 200)})
      }
    }
    const loadAfter = os.loadavg()

    const biggest = Math.max(...SIZES)
    const parseRows = rows.map((r) => {
      const mbs = r.bytes / 1e6 / (r.parseMs / 1000)
      const cpuMbs = r.bytes / 1e6 / (r.parseCpuMs / 1000)
      return [r.vendor, fmt(r.tunnels), fmt(r.bytes / 1e6, 2), fmt(r.lines), fmt(r.facts), fmt(r.parseMs), fmt(mbs, 1), fmt(r.parseCpuMs), fmt(cpuMbs, 1), verdict(mbs >= TARGET_PARSE_MBS)]
    })
    const diagRows = rows.map((r) => {
      const targeted = r.tunnels === 10_000
      const ok = r.cliMs <= TARGET_E2E_MS && (r.cliRssMb ?? 0) <= TARGET_RSS_MB
      return [r.vendor, fmt(r.tunnels), fmt(r.findings), fmt(r.diagnoseMs), fmt(r.parseMs + r.diagnoseMs), fmt(r.cliMs), fmt(r.cliRssMb), String(r.cliStatus), targeted ? verdict(ok) : '']
    })
    const cpus = os.cpus()
    const md = [
      '# Benchmarks',
      '',
      `Produced by \`npm run bench\` on ${new Date().toISOString()}: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`,
      `Load average before/after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (figures taken on a busy machine are pessimistic).`,
      '',
      'Captures come from the generator (`npm run gen -- --tunnels N --vendor V --faults 0.1 --seed 7`). Times are medians (5 runs, 3 at 10,000 tunnels).',
      '',
      '## Parse throughput (in-process `ingestFiles`, file read included)',
      '',
      'CPU ms is user + system time of the process (all threads, GC included): on a busy machine it shows what the parse costs better than the wall clock.',
      '',
      table(['vendor', 'tunnels', 'MB', 'lines', 'facts', 'ms', 'MB/s', 'CPU ms', 'MB per CPU second', `>= ${TARGET_PARSE_MBS} MB/s (wall)`], parseRows),
      '',
      '## Diagnose',
      '',
      'In-process: `diagnose(doc)` on the parsed document (rules loaded once), and parse + diagnose. CLI: `node bin/run.js diagnose FILE --format json` as a subprocess, end to end (start, read, parse, rules, JSON out); peak RSS from `/usr/bin/time -f %M`.',
      '',
      table(['vendor', 'tunnels', 'findings', 'diagnose ms', 'parse+diagnose ms', 'CLI ms', 'CLI peak RSS MB', 'exit', `10k: <= ${TARGET_E2E_MS} ms, <= ${TARGET_RSS_MB} MB`], diagRows),
      '',
      '## Cold start (median of 7)',
      '',
      table(
        ['command', 'ms', 'target'],
        [
          ['`ipsec-doctor --help`', fmt(cold.helpMs), `<= ${TARGET_HELP_MS} ms: ${verdict(cold.helpMs <= TARGET_HELP_MS)}`],
          ['`ipsec-doctor diagnose` (5 tunnels)', fmt(cold.smallMs), ''],
        ],
      ),
      '',
      '## Growth with input',
      '',
      'Ratio = (time at the larger size / time at the smaller) / size factor: 1.0 is linear; <= 1.5 is counted as linear (caches, GC).',
      '',
      table(['vendor', 'tunnels', 'size factor', 'parse ratio', 'diagnose ratio', 'verdict'], linearity(rows)),
      '',
      '## Engine alone (bench/engine.bench.ts, synthetic IOS concentrator)',
      '',
      table(
        ['tunnels', 'entities', 'findings', 'ms', 'entities/s'],
        engine.map((e) => ('error' in e ? [fmt(e.tunnels), `failed: ${e.error}`, '', '', ''] : [fmt(e.tunnels), fmt(e.entities), fmt(e.findings), fmt(e.ms), fmt(e.entitiesPerSecond)])),
      ),
      '',
      `Largest size measured: ${fmt(biggest)} tunnels.` + (rows.some((r) => r.cliStatus === 2) ? ' Exit 2 in the CLI column: the run reported unusable input or rule load errors (see stderr of `npm run bench`).' : ''),
      '',
    ].join('\n')
    writeFileSync(join(ROOT, 'bench', 'results.md'), md)
    process.stdout.write(md)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
