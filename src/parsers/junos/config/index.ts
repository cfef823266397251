/** Junos configuration parsers (issue 16): `show configuration security ike|ipsec`, `services ipsec-vpn`, curly and `| display set`. */
import type {ParserSpec} from '../../types.js'
import {showConfiguration} from './show-configuration.js'

export const junosConfigParsers: ParserSpec[] = [showConfiguration]
