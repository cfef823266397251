import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {ingestFiles} from '../src/ingest/index.js'
import {schemaFiles} from '../src/model/json-schema.js'

const root = join(import.meta.dirname, '..')

describe('published JSON Schemas', () => {
  it('are current with the zod model (run `npm run schema` after changing src/model)', () => {
    for (const [name, schema] of Object.entries(schemaFiles())) {
      const onDisk = JSON.parse(readFileSync(join(root, 'schema', name), 'utf8'))
      expect(onDisk, `schema/${name} is stale`).toEqual(JSON.parse(JSON.stringify(schema)))
    }
  })

  it('validate parse --json documents of every parser fixture and example', async () => {
    const ajv = new Ajv2020({allErrors: true, strict: false})
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schema', 'parse-output.schema.json'), 'utf8')))
    const doc = await ingestFiles([join(root, 'test', 'fixtures'), join(root, 'examples')])
    expect(doc.summary.facts).toBeGreaterThan(10)
    const ok = validate(JSON.parse(JSON.stringify(doc)))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('rejects a document that breaks the contract', () => {
    const ajv = new Ajv2020({allErrors: true, strict: false})
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schema', 'parse-output.schema.json'), 'utf8')))
    expect(validate({schemaVersion: 1, devices: []})).toBe(false)
  })
})
