/**
 * Golden fixture runner: test/fixtures/<vendor>/<command>/<case>.txt is fed to the parser whose id is
 * "<vendor>/<command>", and the full result is compared with <case>.json.
 * Optional <case>.ctx.json: {"args": ["detail"], "pipe": "| include spi", "node": null}.
 * UPDATE_GOLDEN=1 rewrites the .json files: review every diff by hand before committing.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {parserById} from '../../src/parsers/registry.js'
import {pastedLines} from '../../src/reading/paste.js'
import type {Line, ParseContext, ParseResult} from '../../src/parsers/types.js'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures')

export interface GoldenCase {
  parserId: string
  name: string
  txtPath: string
  jsonPath: string
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = []
  for (const vendor of readdirSync(FIXTURES).filter((d) => d === 'cisco' || d === 'junos')) {
    for (const command of readdirSync(join(FIXTURES, vendor))) {
      const dir = join(FIXTURES, vendor, command)
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
        const name = f.slice(0, -4)
        cases.push({parserId: `${vendor}/${command}`, name, txtPath: join(dir, f), jsonPath: join(dir, `${name}.json`)})
      }
    }
  }
  return cases
}

/** Lines as ingest hands them to a parser: pasted-line normalization applied (src/reading/paste.ts). */
export function toLines(text: string): Line[] {
  return pastedLines(text)
}

export function runGolden(c: GoldenCase): {actual: ParseResult; expected: ParseResult | null} {
  const parser = parserById(c.parserId)
  if (!parser) throw new Error(`no parser registered with id ${c.parserId} (fixture ${c.txtPath})`)
  const text = readFileSync(c.txtPath, 'utf8')
  const lines = toLines(text.endsWith('\n') ? text.slice(0, -1) : text)
  const ctxPath = c.txtPath.replace(/\.txt$/, '.ctx.json')
  const extra = existsSync(ctxPath) ? JSON.parse(readFileSync(ctxPath, 'utf8')) : {}
  const ctx: ParseContext = {
    file: `${c.name}.txt`,
    device: 'dut',
    vendor: parser.vendor,
    command: parser.command,
    args: extra.args ?? [],
    pipe: extra.pipe ?? null,
    node: extra.node ?? null,
  }
  const actual = JSON.parse(JSON.stringify(parser.parse(lines, ctx))) as ParseResult
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(c.jsonPath, JSON.stringify(actual, null, 2) + '\n')
  const expected = existsSync(c.jsonPath) ? (JSON.parse(readFileSync(c.jsonPath, 'utf8')) as ParseResult) : null
  return {actual, expected}
}
