/**
 * Entities built from more than one capture (pairs of devices, two captures of one device). Each
 * source runs once per diagnosis after the per-device pass; its entities are evaluated with the
 * rules of their kind and vendor exactly like facts. pair- and delta- builders add themselves to
 * ENTITY_SOURCES (or a caller passes `entitySources` in DiagnoseOptions).
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

/** The built-in sources, in order. */
export const ENTITY_SOURCES: EntitySource[] = []
