/**
 * Finds, reads and validates the configuration file. Errors name the file, the line when known, and
 * the path inside the document: ".ipsec-doctor.yaml:4: thresholds.certWarnDays: expected number".
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {createRequire} from 'node:module'
import type {z} from 'zod'
import type {Severity} from '../model/index.js'
import {ConfigFile, type ThresholdOverrides} from './schema.js'

export const CONFIG_NAMES = ['.ipsec-doctor.json', '.ipsec-doctor.yaml', '.ipsec-doctor.yml']

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

export interface LoadedConfig {
  /** Absolute path of the file read, or null when none was found. */
  file: string | null
  settings: ConfigFile
  /** `rules` resolved against the config file's directory. */
  rulesDirs: string[]
  /** `baseline` resolved against the config file's directory. */
  baseline: string | null
}

/** The first config file in `start` or any parent directory. */
export function findConfigFile(start: string = process.cwd()): string | null {
  let dir = resolve(start)
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name)
      if (existsSync(candidate)) return candidate
    }
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

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
  if (!file) return {file: null, settings: {}, rulesDirs: [], baseline: null}
  return readConfigFile(file, cwd)
}

// Characters with a meaning in a RegExp, e.g. the "." of "r1.example".
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g

function escapeRegexText(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&')
}

/** Device name against a pattern where "*" matches any run of characters ("lab-*" matches "lab-r1"). */
export function deviceMatches(pattern: string, device: string): boolean {
  if (!pattern.includes('*')) return pattern === device
  return new RegExp(`^${pattern.split('*').map(escapeRegexText).join('.*')}$`).test(device)
}

export interface EffectiveSettings {
  thresholds: ThresholdOverrides
  disabled: string[]
  severityOverrides: Record<string, Severity>
}

/** Global settings overlaid with every matching `devices` entry, in file order (exact names last). */
export function settingsForDevice(config: ConfigFile, device: string): EffectiveSettings {
  const out: EffectiveSettings = {
    thresholds: {...config.thresholds},
    disabled: [...(config.disable ?? [])],
    severityOverrides: {...config.severity},
  }
  const entries = Object.entries(config.devices ?? {})
  const ordered = [...entries.filter(([p]) => p.includes('*')), ...entries.filter(([p]) => !p.includes('*'))]
  for (const [pattern, s] of ordered) {
    if (!deviceMatches(pattern, device)) continue
    Object.assign(out.thresholds, s.thresholds)
    for (const id of s.disable ?? []) if (!out.disabled.includes(id)) out.disabled.push(id)
    Object.assign(out.severityOverrides, s.severity)
  }
  return out
}

/** Rule ids named in the config that no loaded rule has (likely typos), with where they appear. */
export function unknownRuleIds(config: ConfigFile, known: ReadonlySet<string>): string[] {
  const out: string[] = []
  const check = (ids: string[], where: string) => {
    for (const id of ids) if (!known.has(id)) out.push(`${where}: unknown rule "${id}"`)
  }
  check(config.disable ?? [], 'disable')
  check(Object.keys(config.severity ?? {}), 'severity')
  for (const [device, s] of Object.entries(config.devices ?? {})) {
    check(s.disable ?? [], `devices.${device}.disable`)
    check(Object.keys(s.severity ?? {}), `devices.${device}.severity`)
  }
  return out
}
