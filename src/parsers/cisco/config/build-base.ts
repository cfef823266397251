/** Fact base shared by the Cisco configuration builders: source over a section's lines and its raw fields. */
import {sourceOf} from '../../types.js'
import type {RawFields} from '../common.js'
import type {CiscoConfigReader} from './reader.js'

export const base = (r: CiscoConfigReader, s: {start: number; end: number}, fields: RawFields) => ({source: sourceOf(r.ctx, s.start, s.end), raw: fields.fields})
