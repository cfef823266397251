/** All parsers, and lookup by id. */
import {ciscoParsers} from './cisco/index.js'
import {ciscoModernParsers} from './cisco/modern.js'
import {junosParsers} from './junos/index.js'
import {junosModernParsers} from './junos/modern.js'
import type {ParserSpec} from './types.js'

export const PARSERS: readonly ParserSpec[] = [...ciscoParsers, ...ciscoModernParsers, ...junosParsers, ...junosModernParsers]

const byId = new Map(PARSERS.map((p) => [p.id, p]))

export function parserById(id: string): ParserSpec | undefined {
  return byId.get(id)
}
