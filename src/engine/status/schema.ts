/** Entity kinds of the status checks over two captures (counterDelta). Imports only the model: kinds.ts registers these. */
import {z} from 'zod'
import {factBase, nullableInt, nullableStr} from '../../model/index.js'
import type {ExtraEntityKind} from '../pair/schema.js'

export const CounterDelta = z
  .object({
    kind: z.literal('counterDelta'),
    ...factBase,
    entityLabel: z.string(),
    intervalSec: nullableInt().describe('t2 - t1 in seconds (null when a capture has no time)'),
    intervalText: z.string(),
    timeBefore: nullableStr(),
    timeAfter: nullableStr(),
    fileBefore: z.string(),
    fileAfter: z.string(),
    counterReset: z.boolean().describe('The count went down or the ASP "Last clearing" changed: dValue is the t2 value'),
    resetNote: nullableStr(),
    set: z.string().describe('statusCounter set (asp-drop, ikev2-timeout, tunnel-events, ...)'),
    section: nullableStr(),
    name: z.string(),
    code: nullableStr(),
    vpn: z.boolean(),
    failure: z.boolean(),
    value1: z.number().int(),
    value2: z.number().int(),
    dValue: z.number().int().describe('Change of the main count between the captures'),
    ratePerMin: z.number().nullable().describe('dValue per minute (null when the interval is unknown)'),
  })
  .describe('One counter row at two capture times')
export type CounterDelta = z.infer<typeof CounterDelta>

export const STATUS_ENTITY_KINDS: ExtraEntityKind[] = [
  {
    kind: 'counterDelta',
    schema: CounterDelta,
    derivedFields: {peer: 'Peer address the entity belongs to (none for counters)', beforeEvidence: 'The row at t1', afterEvidence: 'The row at t2'},
  },
]
