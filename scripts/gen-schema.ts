/** Writes the published JSON Schemas of the --json documents from the zod model. */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {schemaFiles} from '../src/model/json-schema.js'

const dir = join(import.meta.dirname, '..', 'schema')
for (const [name, schema] of Object.entries(schemaFiles())) {
  writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + '\n')
  console.log(`wrote schema/${name}`)
}
