/**
 * Entities built from more than one capture (pairs of devices, two captures of one device). Each
 * source runs once per diagnosis after the per-device pass; its entities are evaluated with the
 * rules of their kind and vendor exactly like facts. The built-in sources are loaded only when the
 * diagnosis can give them entities (a caller may pass its own `entitySources` in DiagnoseOptions).
 */
import type {RawValues, Source, Vendor} from '../model/index.js'
import type {Derived} from './derive.js'
import type {DeviceFacts} from './device-index.js'
import type {FindingSide} from './findings.js'
import type {Thresholds} from './thresholds.js'

export interface SourcedEntity {
  entity: Record<string, unknown> & {kind: string; id: string; source: Source; raw: RawValues}
  derived: Derived
  /** Device the findings are reported on, and its vendor (selects the rule engine). */
  device: string
  vendor: Vendor
  /** Two-sided entities: remediation and confirm steps per side, each in its vendor's syntax. */
  sides?: FindingSide[]
}

export interface EntitySourceContext {
  /** Capture time (ms) of a device when its capture holds one, else null. */
  captureMs(device: string): number | null
  /** Judging time (ms) of a device: capture, --at or now. */
  timeMs(device: string): number
  thresholds: Thresholds
  /** The earlier capture (diagnose --before, or the earlier file of a device captured twice). */
  before?: {byDevice: Map<string, DeviceFacts>; captureMs(device: string): number | null}
}

export type EntitySource = (byDevice: Map<string, DeviceFacts>, ctx: EntitySourceContext) => SourcedEntity[]

/**
 * The built-in sources, in order, each with what it needs: two devices or more (pairs of ends), or an
 * earlier capture (changes over time). A diagnosis of one device captured once, the common case, loads
 * none of them.
 */
const BUILTIN_SOURCES: ReadonlyArray<{needs: 'devices' | 'before'; load: () => Promise<EntitySource>}> = [
  {needs: 'devices', load: async () => (await import('./pair/source.js')).pairSource},
  {needs: 'before', load: async () => (await import('./delta/source.js')).deltaSource},
  {needs: 'before', load: async () => (await import('./status/counter-delta.js')).counterDeltaSource},
  {needs: 'devices', load: async () => (await import('./config-pair/index.js')).configPairSource},
]

/** The built-in sources that can give entities for `devices` devices, with or without an earlier capture. */
export async function builtinSources(devices: number, before: boolean): Promise<EntitySource[]> {
  const wanted = BUILTIN_SOURCES.filter((s) => (s.needs === 'devices' ? devices >= 2 : before))
  return Promise.all(wanted.map((s) => s.load()))
}
