/**
 * The per-platform command catalogue (rules/catalogue/<platform>.json): the command forms each
 * platform accepts, each with the documentation it comes from. A remediation, confirm or requires
 * command handed to a device must match a form of the device's platform (test/remediation-catalogue.test.ts).
 *
 * Grammar of a form: words separated by spaces; `<name>` matches one word, `<name...>` one or more
 * words (the rest of the line), `[a b]` optional words, `{a|b}` one of the words. In a command, an
 * unfilled `<placeholder>` is one word and matches only a `<slot>`.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {BUILTIN_RULES_DIR} from './loader.js'
import {PLATFORMS, type Platform} from './platform.js'

export interface CatalogueEntry {
  form: string
  source: string
}

export interface Catalogue {
  platform: Platform
  label: string
  sources: Record<string, string>
  commands: CatalogueEntry[]
}

type Node = {t: 'word'; w: string} | {t: 'slot'; rest: boolean} | {t: 'alt'; ws: string[]} | {t: 'opt'; nodes: Node[]}

function parseForm(form: string): Node[] {
  const tokens = form.match(/\[|\]|\{[^}]*\}|"[^"]*"|[^\s[\]]+/g) ?? []
  let i = 0
  const seq = (end?: string): Node[] => {
    const out: Node[] = []
    while (i < tokens.length) {
      const t = tokens[i++]
      if (t === end) return out
      if (t === '[') out.push({t: 'opt', nodes: seq(']')})
      else if (t.startsWith('{')) out.push({t: 'alt', ws: t.slice(1, -1).split('|')})
      else if (/^<[^>]*>$/.test(t)) out.push({t: 'slot', rest: t.endsWith('...>')})
      else out.push({t: 'word', w: t})
    }
    return out
  }
  return seq()
}

/** Words of a command: quoted strings stay one word. */
export function commandWords(command: string): string[] {
  return command.trim().match(/"[^"]*"|\S+/g) ?? []
}

function matchNodes(nodes: Node[], ni: number, words: string[], wi: number): boolean {
  if (ni === nodes.length) return wi === words.length
  const n = nodes[ni]
  switch (n.t) {
    case 'word':
      return wi < words.length && words[wi] === n.w && matchNodes(nodes, ni + 1, words, wi + 1)
    case 'alt':
      return wi < words.length && n.ws.includes(words[wi]) && matchNodes(nodes, ni + 1, words, wi + 1)
    case 'slot':
      if (wi >= words.length) return false
      if (!n.rest) return matchNodes(nodes, ni + 1, words, wi + 1)
      for (let k = wi + 1; k <= words.length; k++) if (matchNodes(nodes, ni + 1, words, k)) return true
      return false
    case 'opt':
      return matchNodes([...n.nodes, ...nodes.slice(ni + 1)], 0, words, wi) || matchNodes(nodes, ni + 1, words, wi)
  }
}

const compiled = new Map<string, Node[]>()

/** Whether a command (placeholders filled or not) matches a form. A literal word never matches an unfilled placeholder. */
export function matchesForm(command: string, form: string): boolean {
  let nodes = compiled.get(form)
  if (!nodes) compiled.set(form, (nodes = parseForm(form)))
  // An unfilled <placeholder> can only stand where the form has a slot: no form word equals "<...>".
  return matchNodes(nodes, 0, commandWords(command), 0)
}

export const CATALOGUE_DIR = join(BUILTIN_RULES_DIR, 'catalogue')

export function loadCatalogue(platform: Platform, dir = CATALOGUE_DIR): Catalogue {
  return JSON.parse(readFileSync(join(dir, `${platform}.json`), 'utf8')) as Catalogue
}

export function loadCatalogues(dir = CATALOGUE_DIR): Map<Platform, Catalogue> {
  return new Map(PLATFORMS.map((p) => [p, loadCatalogue(p, dir)]))
}

/** The entry a command matches on a platform, or undefined. Trailing "(comment)" is not part of the command. */
export function findForm(catalogue: Catalogue, command: string): CatalogueEntry | undefined {
  const bare = stripComment(command)
  return catalogue.commands.find((e) => matchesForm(bare, e.form))
}

/** "show crypto isakmp sa (a second capture ...)" -> "show crypto isakmp sa". */
export function stripComment(command: string): string {
  return command.replace(/\s+\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '').trim()
}
