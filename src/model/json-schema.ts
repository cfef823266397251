/** JSON Schemas of the published documents, generated from the zod model (the contract of --json). */
import {z} from 'zod'
import {ParseDocument} from './document.js'
import {DiagnoseDocument} from './finding.js'

export function schemaFiles(): Record<string, unknown> {
  const gen = (schema: z.ZodType, id: string, title: string) => ({
    $id: `https://ipsec-doctor.dev/schema/${id}`,
    title,
    ...z.toJSONSchema(schema, {target: 'draft-2020-12', unrepresentable: 'any', reused: 'ref'}),
  })
  return {
    'parse-output.schema.json': gen(ParseDocument, 'parse-output.schema.json', 'ipsec-doctor parse --json'),
    'diagnose-output.schema.json': gen(DiagnoseDocument, 'diagnose-output.schema.json', 'ipsec-doctor diagnose --json'),
  }
}
