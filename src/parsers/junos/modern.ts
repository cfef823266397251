/** Parsers for current junos platforms (issue 3). Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'

export const junosModernParsers: ParserSpec[] = []
