/**
 * In-process ingest time of one capture, wall clock and CPU (user + system), median of N runs after a
 * warm-up. CPU time is what to compare on a busy machine. Run from a checkout; pass another checkout
 * as --repo to compare two versions on the same capture:
 *
 *   npm run gen -- --tunnels 10000 --vendor junos --faults 0.1 --seed 7 --out /tmp/junos-10k.txt
 *   npx tsx bench/parse-cpu.ts /tmp/junos-10k.txt [runs] [--repo ../other-checkout]
 */
import {statSync} from 'node:fs'
import {resolve} from 'node:path'

const args = process.argv.slice(2)
const repoAt = args.indexOf('--repo')
const repo = resolve(repoAt >= 0 ? args.splice(repoAt, 2)[1] : '.')
const [file, runs = '3'] = args
const {ingestFiles} = (await import(`${repo}/src/ingest/index.ts`)) as typeof import('../src/ingest/index.js')
const mb = statSync(file).size / 1e6
const wall: number[] = []
const cpu: number[] = []
await ingestFiles([file])
for (let i = 0; i < Number(runs); i++) {
  const c = process.cpuUsage()
  const t = performance.now()
  await ingestFiles([file])
  wall.push(performance.now() - t)
  const u = process.cpuUsage(c)
  cpu.push((u.user + u.system) / 1000)
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
console.log(`${file}: ${mb.toFixed(2)} MB, wall ${median(wall).toFixed(0)} ms (${((mb / median(wall)) * 1000).toFixed(1)} MB/s), CPU ${median(cpu).toFixed(0)} ms (${((mb / median(cpu)) * 1000).toFixed(1)} MB per CPU second)`)
