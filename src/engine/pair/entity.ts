/**
 * Entities the engine derives from more than one capture (pairs of devices, two captures of one
 * device). The engine evaluates them like facts after the per-device pass (index.ts).
 */
import type {RawField, Source, Vendor} from '../../model/index.js'
import type {Derived} from '../derive.js'
import type {FindingSide} from '../findings.js'

export interface ExtraEntity {
  entity: Record<string, unknown> & {kind: string; id: string; source: Source; raw: Record<string, RawField>}
  derived: Derived
  /** Device the findings are reported on, and its vendor (selects the rule engine). */
  device: string
  vendor: Vendor
  /** Two-sided entities: remediation and confirm steps per side, each in its vendor's syntax. */
  sides?: FindingSide[]
}
