/**
 * Building blocks shared by every normalized fact: vendor, provenance and raw values.
 *
 * The model is written with zod so that one definition gives the TypeScript types, the runtime
 * validator used in tests, and the published JSON Schema (`npm run schema`).
 */
import {z} from 'zod'

export const Vendor = z.enum(['cisco', 'junos']).describe('Vendor family of the device that printed the output')
export type Vendor = z.infer<typeof Vendor>

export const Source = z
  .object({
    file: z.string().describe('Capture file path as given on the command line ("-" for stdin)'),
    startLine: z.number().int().min(1).describe('First line (1-based) of the capture that produced this fact'),
    endLine: z.number().int().min(1).describe('Last line (1-based, inclusive)'),
    command: z.string().describe('Canonical command, e.g. "show crypto isakmp sa"'),
    device: z.string().describe('Device name (from the prompt, --device, or the file name)'),
    vendor: Vendor,
  })
  .describe('Provenance of a fact')
export type Source = z.infer<typeof Source>

export const RawField = z
  .object({
    value: z.string().describe('Text exactly as the device printed it'),
    line: z.number().int().min(1).describe('Capture line the value was read from'),
    note: z.string().optional().describe('The author\'s note at the end of that line ("<-- never comes up" gives "never comes up"), when there was one'),
  })
  .describe('One vendor value as printed, with its line (what rawGet returns; the document stores RawValues)')
export type RawField = z.infer<typeof RawField>

/**
 * Schema version 2: the printed values of a fact in three parallel arrays (index i of each belongs
 * together), instead of one {value, line} object per label. Read them with src/model/raw.ts.
 */
export const RawValues = z
  .object({
    labels: z.array(z.string()).describe('Vendor field labels as printed ("state", "conn-id", "Drop Count"), in reading order, each once'),
    values: z.array(z.string()).describe('values[i]: the value of labels[i] exactly as the device printed it'),
    lines: z.array(z.number().int().min(1)).describe('lines[i]: the capture line values[i] was read from'),
    notes: z
      .record(z.string(), z.string())
      .optional()
      .describe('The author\'s note at the end of a value\'s line ("<-- never comes up" gives "never comes up"), by label; absent when there is none'),
  })
  .describe('Vendor values as printed, beside the normalized fields: labels, values and lines in parallel')
export type RawValues = z.infer<typeof RawValues>

/** Fields every fact carries. `raw` is keyed by the vendor's own field label ("state", "conn-id", "Drop Count"). */
export const factBase = {
  id: z.string().describe('Stable key of the entity within its device, e.g. "ike:10.0.0.2:1004"'),
  source: Source,
  raw: RawValues,
  masked: z
    .array(z.string())
    .optional()
    .describe(
      'Normalized fields whose value was masked by the author before publishing ("X.X.X.X", "<peer-ip>"): the field holds the mask text, which is not an address. Absent when nothing is masked. Two different masks are different values.',
    ),
  partial: z
    .literal(true)
    .optional()
    .describe('Present (true) when the record was cut off or filtered in the capture: fields the capture lacks are null, not absent values on the device'),
}

export const nullableInt = () => z.number().int().nullable()
export const nullableNum = () => z.number().nullable()
export const nullableStr = () => z.string().nullable()
export const nullableBool = () => z.boolean().nullable()
