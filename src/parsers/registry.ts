/** All parsers, and lookup by id. */
import {ciscoParsers} from './cisco/index.js'
import {ciscoModernParsers} from './cisco/modern.js'
import {junosParsers} from './junos/index.js'
import {junosModernParsers} from './junos/modern.js'
import {ciscoStatusParsers} from './cisco/status/index.js'
import {junosStatusParsers} from './junos/status/index.js'
import {ciscoConfigParsers} from './cisco/config/index.js'
import {junosConfigParsers} from './junos/config/index.js'
import {networkParsers} from './network/index.js'
import type {ParserSpec} from './types.js'

export const PARSERS: readonly ParserSpec[] = [...ciscoParsers, ...ciscoModernParsers, ...junosParsers, ...junosModernParsers, ...ciscoStatusParsers, ...junosStatusParsers, ...ciscoConfigParsers, ...junosConfigParsers, ...networkParsers]

const byId = new Map(PARSERS.map((p) => [p.id, p]))

export function parserById(id: string): ParserSpec | undefined {
  return byId.get(id)
}
