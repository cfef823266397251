/** The published JSON Schema of the answers file is generated from the zod schema and must be current. */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import {parse as parseYaml} from 'yaml'
import {describe, expect, it} from 'vitest'
import {answersJsonSchema} from '../src/wizard/scripted.js'

const SCHEMA_FILE = join(import.meta.dirname, '..', 'src', 'wizard', 'answers.schema.json')

describe('answers file JSON Schema', () => {
  it('matches the zod schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = JSON.stringify(answersJsonSchema(), null, 2) + '\n'
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated)
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated)
  })

  it('accepts the example answers file and rejects one without a platform', () => {
    const ajv = new Ajv2020.default({strict: false})
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')))
    const example = parseYaml(readFileSync(join(import.meta.dirname, 'fixtures', 'wizard', 'answers-tunnel-down.yaml'), 'utf8'))
    expect(validate(example)).toBe(true)
    expect(validate({symptom: 'tunnel-down', local: {name: 'HQ'}})).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({instancePath: '/local', params: {missingProperty: 'platform'}})
  })
})
