/**
 * The start-up floor of the fixed framework: a CLI of one oclif command that prints one line, built in
 * a temporary folder against this checkout's node_modules. What `--help` and a run of that command
 * cost is oclif's own loading, which no code of ours can remove; bench/results.md sets our start-up
 * beside it.
 */
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {ROOT, type RepeatedRun, runNodeRepeated} from './lib.js'

export interface FrameworkFloor {
  help: RepeatedRun
  command: RepeatedRun
}

/** Writes the one-command oclif CLI under `dir` and times `--help` and its command, `runs` times each. */
export function frameworkFloor(dir: string, runs: number, rssFile: string): FrameworkFloor {
  const cli = join(dir, 'bare-oclif')
  mkdirSync(join(cli, 'bin'), {recursive: true})
  mkdirSync(join(cli, 'commands'), {recursive: true})
  symlinkSync(join(ROOT, 'node_modules'), join(cli, 'node_modules'), 'dir')
  writeFileSync(join(cli, 'package.json'), JSON.stringify({name: 'bare-oclif', version: '1.0.0', type: 'module', oclif: {bin: 'bare', commands: './commands'}}))
  writeFileSync(join(cli, 'bin', 'run.js'), "import {execute} from '@oclif/core/execute'\nawait execute({dir: import.meta.url})\n")
  writeFileSync(join(cli, 'commands', 'hello.js'), "import {Command} from '@oclif/core'\nexport default class Hello extends Command {\n  static description = 'Prints one line.'\n  async run() {\n    this.log('hello')\n  }\n}\n")
  const run = join(cli, 'bin', 'run.js')
  return {help: runNodeRepeated(runs, [run, '--help'], rssFile), command: runNodeRepeated(runs, [run, 'hello'], rssFile)}
}
