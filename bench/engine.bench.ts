/**
 * Benchmark of the rules engine: diagnose() end to end (derivation, rule runs, findings, grouping)
 * over a synthetic IOS concentrator. `benchEngine()` is exported for `npm run bench`; run directly:
 * `npx tsx bench/engine.bench.ts [tunnels]`.
 */
import {diagnose, loadRules} from '../src/engine/index.js'
import {concentrator} from '../src/engine/synthetic.js'

export interface EngineBenchResult {
  tunnels: number
  entities: number
  findings: number
  ms: number
  /** CPU time of the process during the run (user + system): steadier than wall time on a busy machine. */
  cpuMs: number
  entitiesPerSecond: number
}

export async function benchEngine(tunnels = 10_000, faultEvery = 100): Promise<EngineBenchResult> {
  const {rules, errors} = await loadRules()
  if (errors.length > 0) throw new Error(`rule pack has errors: ${errors.map((e) => `${e.file} ${e.path} ${e.message}`).join('; ')}`)
  const doc = concentrator(tunnels, faultEvery)
  const entities = Object.values(doc.facts).reduce((n, list) => n + list.length, 0)
  await diagnose(concentrator(50, 10), {rules, at: '2026-01-01T00:00:00Z'}) // warm-up (JIT)
  const start = performance.now()
  const cpu = process.cpuUsage()
  const result = await diagnose(doc, {rules, at: '2026-01-01T00:00:00Z'})
  const used = process.cpuUsage(cpu)
  const ms = performance.now() - start
  return {
    tunnels,
    entities,
    findings: result.findings.length,
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    entitiesPerSecond: Math.round((entities / ms) * 1000),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tunnels = Number(process.argv[2] ?? 10_000)
  const r = await benchEngine(tunnels)
  console.log(`engine: ${r.tunnels} tunnels, ${r.entities} entities, ${r.findings} findings in ${r.ms} ms (${r.cpuMs} ms CPU) = ${r.entitiesPerSecond} entities/s`)
}
