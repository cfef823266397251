/**
 * Entity kinds a rule may run on. Every fact kind of the model is one; kinds that are not facts of a
 * single capture (e.g. pairs of devices, deltas of two captures) register here with a zod schema of
 * their fields so the loader and the meta-test can check rules against them.
 */
import type {z} from 'zod'
import {FACT_KINDS, FACT_SCHEMAS} from '../model/index.js'

const extraKinds = new Map<string, z.ZodType>()

/** Registers an entity kind that is not a fact kind of the model (pair-, delta- entities). */
export function registerEntityKind(kind: string, schema: z.ZodType): void {
  extraKinds.set(kind, schema)
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
