/** The streamed JSON is byte for byte what JSON.stringify(value, null, 2) gives, for any document. */
import {PassThrough} from 'node:stream'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ingestFiles} from '../src/ingest/index.js'
import {jsonPieces, writeJson} from '../src/report/json-stream.js'

async function streamed(value: unknown): Promise<string> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await writeJson(out, value)
  out.end()
  return Buffer.concat(chunks).toString('utf8')
}

describe('writeJson', () => {
  it('equals JSON.stringify on arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        expect(await streamed(v)).toBe(`${JSON.stringify(v, null, 2)}\n`)
      }),
      {numRuns: 300},
    )
  })

  it('drops undefined members and turns undefined array items into null, as JSON.stringify does', () => {
    const v = {a: undefined, b: [1, undefined, {c: undefined, d: 2}], e: {toJSON: () => 'x'}}
    expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v, null, 2))
  })

  it('equals JSON.stringify on a parse document of the examples', async () => {
    const doc = await ingestFiles(['examples'])
    expect(doc.summary.facts).toBeGreaterThan(20)
    expect(await streamed(doc)).toBe(`${JSON.stringify(doc, null, 2)}\n`)
  })
})
