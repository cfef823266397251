/**
 * Finds, reads and validates the configuration file. Errors name the file, the line when known, and
 * the path inside the document: ".ipsec-doctor.yaml:4: thresholds.certWarnDays: expected number".
 */
import {readFileSync} from 'node:fs'
import {dirname, relative, resolve} from 'node:path'
import {createRequire} from 'node:module'
import type {z} from 'zod'
import {ConfigFile} from './schema.js'
import {ConfigError, findConfigFile, NO_CONFIG, type LoadedConfig} from './settings.js'

export * from './settings.js'

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file)
  return rel && !rel.startsWith('..') ? rel : file
}

function pathText(path: PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.')
}

function describeIssue(issue: z.core.$ZodIssue, lineOf: (path: PropertyKey[]) => number | null): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key]
      const line = lineOf(path)
      return `${line ? `line ${line}: ` : ''}${pathText(path)}: unknown key`
    })
  }
  const line = lineOf(issue.path)
  return [`${line ? `line ${line}: ` : ''}${pathText(issue.path)}: ${issue.message}`]
}

type YamlModule = typeof import('yaml')
let yamlModule: YamlModule | undefined

/** The yaml package, loaded on first use: most runs find no config file, and loading it costs ~50 ms of start-up. */
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule
  return yamlModule
}

/** Parses and validates one config file; throws ConfigError with every problem found. */
export function readConfigFile(file: string, cwd: string = process.cwd()): LoadedConfig {
  const shown = displayPath(file, cwd)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(shown, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`])
  }
  const {LineCounter, parseDocument} = yaml()
  const lineCounter = new LineCounter()
  // JSON is a subset of YAML: one parser gives values and line numbers for both.
  const yamlDoc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  if (yamlDoc.errors.length > 0) {
    throw new ConfigError(
      shown,
      yamlDoc.errors.map((e) => `line ${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    )
  }
  let data: unknown = yamlDoc.toJS()
  if (file.endsWith('.json')) {
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new ConfigError(shown, [`not valid JSON: ${(error as Error).message}`])
    }
  }
  if (data === null || data === undefined) data = {}
  const lineOf = (path: PropertyKey[]): number | null => {
    const node = yamlDoc.getIn(path.map((p) => (typeof p === 'symbol' ? String(p) : p)), true) as {range?: [number, number, number]} | undefined
    return node?.range ? lineCounter.linePos(node.range[0]).line : null
  }
  const parsed = ConfigFile.safeParse(data)
  if (!parsed.success) throw new ConfigError(shown, parsed.error.issues.flatMap((i) => describeIssue(i, lineOf)))
  const dir = dirname(file)
  return {
    file,
    settings: parsed.data,
    rulesDirs: (parsed.data.rules ?? []).map((r) => resolve(dir, r)),
    baseline: parsed.data.baseline ? resolve(dir, parsed.data.baseline) : null,
  }
}

/** `--config FILE` when given (must exist), else the nearest config file upward from cwd, else defaults. */
export function loadConfig(opts: {explicit?: string; cwd?: string} = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd()
  const file = opts.explicit ? resolve(cwd, opts.explicit) : findConfigFile(cwd)
  if (!file) return NO_CONFIG
  return readConfigFile(file, cwd)
}

