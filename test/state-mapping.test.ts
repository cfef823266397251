import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {IKE_STATE_TABLE, normalizeIkeState} from '../src/model/index.js'
import {STATE_DOC_PATH, renderStateDoc} from '../scripts/gen-state-doc.js'
import {FIXTURES} from './helpers/golden.js'

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsonFiles(path)
    return name.endsWith('.json') && !name.endsWith('.ctx.json') ? [path] : []
  })
}

interface PrintedState {
  where: string
  value: string
}

/** Every IKE state and session status printed in the golden fixtures, with the file it came from. */
function printedStates(): PrintedState[] {
  const out: PrintedState[] = []
  for (const path of jsonFiles(FIXTURES)) {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as {facts?: {kind: string; id: string; stateRaw?: string | null; statusRaw?: string | null}[]}
    for (const fact of doc.facts ?? []) {
      const where = `${relative(FIXTURES, path)} ${fact.id}`
      if (fact.kind === 'ikeSa' && fact.stateRaw) out.push({where, value: fact.stateRaw})
      if (fact.kind === 'cryptoSession' && fact.statusRaw) out.push({where, value: fact.statusRaw})
    }
  }
  return out
}

describe('state mapping', () => {
  it('docs/state-mapping.md is the rendering of IKE_STATE_TABLE (run npm run docs:states)', () => {
    expect(readFileSync(STATE_DOC_PATH, 'utf8')).toBe(renderStateDoc())
  })

  it('the doc lists every table key once', () => {
    const doc = renderStateDoc()
    for (const key of Object.keys(IKE_STATE_TABLE)) expect(doc.split(`| \`${key}\` |`).length - 1, key).toBe(1)
  })

  it('table keys are in lookup form (upper case, single spaces), so each one is reachable', () => {
    for (const key of Object.keys(IKE_STATE_TABLE)) {
      expect(key).toBe(key.trim().toUpperCase().replace(/\s+/g, ' '))
      expect(normalizeIkeState(key.toLowerCase())).toBe(IKE_STATE_TABLE[key].state)
    }
  })

  it('every state printed in a golden fixture maps to a known state', () => {
    const states = printedStates()
    expect(states.length).toBeGreaterThan(0)
    const unmapped = states.filter((s) => normalizeIkeState(s.value) === 'unknown').map((s) => `${s.where}: ${s.value}`)
    expect(unmapped).toEqual([])
  })

  it('the ASA, IOS-XE and session values of issue 3 land where the issue says', () => {
    expect(normalizeIkeState('MM_WAIT_MSG2')).toBe(normalizeIkeState('MM_NO_STATE'))
    expect(normalizeIkeState('MM_WAIT_MSG2')).toBe('negotiating')
    for (const v of ['READY', 'QM_IDLE', 'UP', 'Matured', 'MM_ACTIVE', 'AM_ACTIVE']) expect(normalizeIkeState(v), v).toBe('established')
    expect(normalizeIkeState('IN-NEG')).toBe('negotiating')
    expect(normalizeIkeState('DELETE')).toBe('deleting')
    expect(normalizeIkeState('DOWN-NEGOTIATING')).toBe('negotiating')
    expect(normalizeIkeState('DOWN')).toBe('down')
    expect(normalizeIkeState('SOMETHING_NEW')).toBe('unknown')
  })
})
