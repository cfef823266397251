/**
 * Entity kinds a rule may run on. Every fact kind of the model is one; kinds that are not facts of a
 * single capture (e.g. pairs of devices, deltas of two captures) register here with a zod schema of
 * their fields so the loader and the meta-test can check rules against them.
 */
import type {z} from 'zod'
import {FACT_SCHEMAS} from '../model/index.js'
import {FACT_KINDS} from '../model/constants.js'
import {PAIR_ENTITY_KINDS} from './pair/schema.js'
import {DELTA_ENTITY_KINDS} from './delta/schema.js'
import {STATUS_ENTITY_KINDS} from './status/schema.js'
import {CONFIG_PAIR_KINDS} from './config-pair/schema.js'

const extraKinds = new Map<string, z.ZodType>()
const extraDerived = new Map<string, Record<string, string>>()

/**
 * Registers an entity kind that is not a fact kind of the model (pair-, delta- entities), with the
 * catalogue of its `derived` values (name -> meaning) when it has more than `peer`.
 */
export function registerEntityKind(kind: string, schema: z.ZodType, derivedFields?: Record<string, string>): void {
  extraKinds.set(kind, schema)
  if (derivedFields) extraDerived.set(kind, derivedFields)
}

/** The derived-value catalogue of a registered kind (derived-fields.ts falls back to it). */
export function registeredDerivedFields(kind: string): Record<string, string> | undefined {
  return extraDerived.get(kind)
}

export function knownEntityKinds(): string[] {
  return [...FACT_KINDS, ...extraKinds.keys()]
}

export function isKnownEntityKind(kind: string): boolean {
  return (FACT_KINDS as string[]).includes(kind) || extraKinds.has(kind)
}

/** The zod schema of an entity kind, for field checks. */
export function entitySchema(kind: string): z.ZodType | undefined {
  return (FACT_SCHEMAS as Record<string, z.ZodType>)[kind] ?? extraKinds.get(kind)
}

// Kinds over several captures: both ends of a tunnel (pair/), two captures of one device (delta/).
for (const k of [...PAIR_ENTITY_KINDS, ...DELTA_ENTITY_KINDS, ...STATUS_ENTITY_KINDS, ...CONFIG_PAIR_KINDS]) registerEntityKind(k.kind, k.schema, k.derivedFields)
