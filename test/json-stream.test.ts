/** The streamed JSON is the document itself (JSON.parse gives it back), in the one-item-per-line layout. */
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
  it('gives back what JSON.stringify keeps of arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        const text = await streamed(v)
        expect(text.endsWith('\n')).toBe(true)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)))
      }),
      {numRuns: 300},
    )
  })

  it('drops undefined members and turns undefined array items into null, as JSON.stringify does', () => {
    const v = {a: undefined, b: [1, undefined, {c: undefined, d: 2}], e: {toJSON: () => 'x'}}
    expect([...jsonPieces(v)].join('')).toBe('{\n  "b": [\n    1,\n    null,\n    {"d":2}\n  ],\n  "e": "x"\n}')
  })

  it('writes a parse document of the examples with one fact per line', async () => {
    const doc = await ingestFiles(['examples'])
    expect(doc.summary.facts).toBeGreaterThan(20)
    const text = await streamed(doc)
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)))
    const lines = text.split('\n')
    for (const [kind, facts] of Object.entries(doc.facts)) {
      for (const f of facts) expect(lines, `${kind} ${f.id}`).toContain(`      ${JSON.stringify(f)}${f === facts[facts.length - 1] ? '' : ','}`)
    }
  })
})
