/** Registers the pair builder as a multi-capture entity source of the engine. */
import {ENTITY_SOURCES, type EntitySource} from '../sources.js'
import {pairEntities} from './index.js'

export const pairSource: EntitySource = (byDevice, ctx) => pairEntities(byDevice, {captureMs: ctx.captureMs, encapsFloor: ctx.thresholds.encapsFloor, before: ctx.before})

if (!ENTITY_SOURCES.includes(pairSource)) ENTITY_SOURCES.push(pairSource)
