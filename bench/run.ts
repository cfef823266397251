/**
 * npm run bench [-- --quick]: the figures of issue 15 on realistic inputs, each the median of
 * several runs, written to bench/results.md and printed.
 *
 *  - the manual-layout capture (about 10 MB of IOS-XE `show crypto ipsec sa detail`, ~4,500 flows):
 *    in-process ingest, CLI `parse --json` and `diagnose --format json` end to end with peak RSS;
 *  - in-process ingest MB/s per command family (a capture of just that family, src/gen/families.ts);
 *  - start-up: `node -e 0` (the machine's baseline), `--help`, `diagnose` of examples/cisco-mm-no-state,
 *    and the framework's floor: `--help` and one command of a CLI of one oclif command (bench/floor.ts);
 *  - growth from 1,000 to 10,000 tunnels of an IOS-XE and an SRX device (every command of the platform);
 *  - the rules engine alone (bench/engine.bench.ts).
 *
 * --quick (or BENCH_QUICK=1): 3 runs, family captures of 0.5 MB instead of 2 MB, growth 100 -> 1,000.
 * BENCH_NO_BUILD=1 measures dist/ as it is instead of compiling it first.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import {join} from 'node:path'
import {type Device, type Family, FAMILIES, type Platform, buildDevice, captureChunks, familyChunks, manualLayoutChunks, vendorOf, writeChunks} from '../src/gen/index.js'
import {loadRules} from '../src/engine/index.js'
import {benchEngine, type EngineBenchResult} from './engine.bench.js'
import {ROOT, type RepeatedRun, fmt, runNodeRepeated} from './lib.js'
import {frameworkFloor} from './floor.js'
import {moduleCounts} from './modules.js'
import {type IngestFigures, type Rules, measureDiagnose, measureIngest} from './measure.js'
import {type Plan, type Results, renderResults} from './report.js'

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const PLAN: Plan = QUICK
  ? {quick: true, runs: 3, cliRuns: 3, bigRuns: 3, startRuns: 5, familyBytes: 500_000, growth: [100, 1000], engine: [1000]}
  : {quick: false, runs: 5, cliRuns: 5, bigRuns: 3, startRuns: 7, familyBytes: 2_000_000, growth: [1000, 10_000], engine: [1000, 10_000]}
const AT = '2026-11-23T12:00:00Z'
const GROWTH_PLATFORMS: readonly Platform[] = ['iosxe', 'srx']
const RUN_JS = join(ROOT, 'bin', 'run.js')

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

/** The code measured: commit and whether the working tree has changes (BENCH_TREE overrides). */
function treeDescription(): string {
  if (process.env.BENCH_TREE) return process.env.BENCH_TREE
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: ROOT, encoding: 'utf8'})
  if (head.status !== 0) return 'not a git checkout'
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {cwd: ROOT, encoding: 'utf8'}).stdout.trim()
  return `commit ${head.stdout.trim()}${dirty ? ` with ${dirty.split('\n').length} uncommitted file change(s)` : ''}`
}

function cli(runs: number, args: string[], dir: string, label: string): RepeatedRun {
  const r = runNodeRepeated(runs, [RUN_JS, ...args], join(dir, 'rss.txt'))
  if (r.status !== 0 && r.status !== 1) log(`${label}: exit ${r.status}: ${r.stderr.slice(0, 300)}`)
  log(`${label}: ${fmt(r.ms)} ms, ${fmt(r.rssMb)} MB`)
  return r
}

async function manualCapture(dir: string): Promise<Results['manual']> {
  const file = join(dir, 'manual-layout.txt')
  writeChunks(manualLayoutChunks(), file)
  const ingest = strip(await measureIngest(file, PLAN.runs)) // the document is let go before the CLI runs
  log(`manual-layout ingest: ${fmt(ingest.ms)} ms, ${fmt(ingest.mbPerSecond, 1)} MB/s`)
  const parseJson = cli(PLAN.cliRuns, ['parse', '--json', file], dir, 'manual-layout parse --json')
  const diagnoseJson = cli(PLAN.cliRuns, ['diagnose', file, '--format', 'json', '--at', AT], dir, 'manual-layout diagnose --format json')
  return {ingest, parseJson, diagnoseJson}
}

function strip(f: IngestFigures): Omit<IngestFigures, 'doc'> {
  const {doc: _doc, ...rest} = f
  return rest
}

function familyDevice(family: Family, tunnels: number): Device {
  return buildDevice({vendor: vendorOf(family.platform), platform: family.platform, tunnels, faults: 0.1, seed: 7})
}

/** Tunnels that make a capture of `family` about `bytes` long (families print 0.1 to 2 KB per tunnel). */
function tunnelsFor(family: Family, bytes: number): number {
  let sample = 0
  for (const c of familyChunks(familyDevice(family, 100), family.id)) sample += c.length
  return Math.max(100, Math.min(50_000, Math.round((bytes / sample) * 100)))
}

async function families(dir: string): Promise<Results['families']> {
  const out: Results['families'] = []
  for (const family of FAMILIES) {
    const file = join(dir, `${family.id}.txt`)
    const tunnels = tunnelsFor(family, PLAN.familyBytes)
    writeChunks(familyChunks(familyDevice(family, tunnels), family.id), file)
    const figures = strip(await measureIngest(file, PLAN.runs))
    log(`family ${family.id}: ${fmt(tunnels)} tunnels, ${fmt(figures.bytes / 1e6, 2)} MB, ${fmt(figures.mbPerSecond, 1)} MB/s, ${figures.unparsed} unparsed`)
    out.push({id: family.id, command: family.command, platform: family.platform, tunnels, ...figures})
    rmSync(file, {force: true})
  }
  return out
}

function startup(dir: string): Results['startup'] {
  const rss = join(dir, 'rss.txt')
  const baseline = runNodeRepeated(PLAN.startRuns, ['-e', '0'], rss)
  const help = runNodeRepeated(PLAN.startRuns, [RUN_JS, '--help'], rss)
  const exampleArgs = ['diagnose', join(ROOT, 'examples', 'cisco-mm-no-state')]
  const example = runNodeRepeated(PLAN.startRuns, [RUN_JS, ...exampleArgs], rss)
  const modules = {help: moduleCounts(['--help'], ROOT), example: moduleCounts(exampleArgs, ROOT)}
  const floor = frameworkFloor(dir, PLAN.startRuns, rss)
  log(`start-up: node -e 0 ${fmt(baseline.ms)} ms, --help ${fmt(help.ms)} ms, example diagnose ${fmt(example.ms)} ms; modules ours/packages: --help ${modules.help.ours}/${modules.help.packages}, example ${modules.example.ours}/${modules.example.packages}; one-command oclif CLI: --help ${fmt(floor.help.ms)} ms, its command ${fmt(floor.command.ms)} ms`)
  return {baseline, help, example, modules, floor}
}

async function growth(dir: string, rules: Rules): Promise<Results['growth']> {
  const out: Results['growth'] = []
  for (const platform of GROWTH_PLATFORMS) {
    for (const tunnels of PLAN.growth) {
      const file = join(dir, `${platform}-${tunnels}.txt`)
      writeChunks(captureChunks(buildDevice({vendor: vendorOf(platform), platform, tunnels, faults: 0.1, seed: 7})), file)
      const runs = tunnels >= 10_000 ? PLAN.bigRuns : PLAN.runs
      const ingest = await measureIngest(file, runs)
      const diag = await measureDiagnose(ingest.doc, rules, AT, runs)
      const figures = strip(ingest)
      const cliRun = cli(runs, ['diagnose', file, '--format', 'json', '--at', AT], dir, `${platform} ${fmt(tunnels)} tunnels diagnose`)
      out.push({platform, tunnels, ingest: figures, diagnoseMs: diag.ms, findings: diag.findings, cli: cliRun})
      rmSync(file, {force: true})
    }
  }
  return out
}

async function engine(): Promise<Results['engine']> {
  const out: Array<EngineBenchResult | {tunnels: number; error: string}> = []
  for (const n of PLAN.engine) {
    try {
      out.push(await benchEngine(n))
    } catch (error) {
      out.push({tunnels: n, error: (error as Error).message.slice(0, 200)})
    }
  }
  return out
}

async function main(): Promise<void> {
  const started = performance.now()
  const loadBefore = os.loadavg()
  build()
  const dir = mkdtempSync(join(os.tmpdir(), 'ipsec-doctor-bench-'))
  try {
    const {rules, errors} = await loadRules()
    if (errors.length > 0) log(`rule pack has ${errors.length} load error(s); benchmarking the rules that loaded`)
    log(`${PLAN.quick ? 'quick' : 'full'} run; manual-layout capture`)
    const manual = await manualCapture(dir)
    log('command families')
    const fams = await families(dir)
    log('start-up')
    const start = startup(dir)
    log('growth')
    const grow = await growth(dir, rules)
    log('engine (bench/engine.bench.ts)')
    const eng = await engine()
    const md = renderResults({plan: PLAN, tree: treeDescription(), at: AT, loadBefore, loadAfter: os.loadavg(), seconds: (performance.now() - started) / 1000, manual, families: fams, startup: start, growth: grow, engine: eng})
    writeFileSync(join(ROOT, 'bench', 'results.md'), md)
    process.stdout.write(md)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

await main()
