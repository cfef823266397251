/**
 * The modules a CLI run loads, by URL: ESM imports through a resolve hook, CommonJS requires through
 * Module._load. Start-up is module loading, and a count does not depend on how busy the machine is
 * (test/startup.test.ts asserts on it, `npm run bench` reports it).
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const ROOT = join(import.meta.dirname, '..')

/** Runs `node bin/run.js <args>` in `cwd` and returns the URLs of the modules it loaded, and its stdout. */
export function modulesLoaded(args: string[], cwd: string): {urls: string[]; stdout: string} {
  const dir = mkdtempSync(join(tmpdir(), 'modules-'))
  try {
    const report = "process._rawDebug('URL ' + String(url))"
    const esm = join(dir, 'esm-hook.mjs')
    writeFileSync(esm, `import {register} from 'node:module'\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(`export async function resolve(s, c, n) { const r = await n(s, c); const url = r.url; ${report}; return r }`)}))\n`)
    const cjs = join(dir, 'cjs-hook.cjs')
    writeFileSync(cjs, `const Module = require('node:module')\nconst load = Module._load\nModule._load = function (request, parent, isMain) { const url = Module._resolveFilename(request, parent, isMain); ${report}; return load.apply(this, arguments) }\n`)
    const run = spawnSync(process.execPath, ['--require', cjs, '--import', esm, join(ROOT, 'bin', 'run.js'), ...args], {cwd, encoding: 'utf8'})
    // a module required or imported twice is reported twice: each URL once
    return {urls: [...new Set(run.stderr.split('\n').filter((l) => l.startsWith('URL ')).map((l) => l.slice(4)))], stdout: run.stdout}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Our own modules (under dist/) and the files of packages (under node_modules/) a run loads. */
export function moduleCounts(args: string[], cwd: string): {ours: number; packages: number} {
  const dist = pathToFileURL(join(ROOT, 'dist')).href + '/'
  const {urls} = modulesLoaded(args, cwd)
  return {ours: urls.filter((u) => u.startsWith(dist)).length, packages: urls.filter((u) => u.includes('/node_modules/')).length}
}
