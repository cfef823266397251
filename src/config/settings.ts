/**
 * What a run needs of the configuration besides reading the file: where the file is, and the
 * settings that apply to one device. No schema here (src/config/load.ts reads and validates a file),
 * so a run without a config file does not load the schemas.
 */
import {existsSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import type {Severity} from '../model/index.js'
import type {ConfigFile, ThresholdOverrides} from './schema.js'

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

/** The configuration of a run that found no file. */
export const NO_CONFIG: LoadedConfig = {file: null, settings: {}, rulesDirs: [], baseline: null}

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
