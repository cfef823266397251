/** Parsers for current cisco platforms (issue 3). Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'

export const ciscoModernParsers: ParserSpec[] = []
