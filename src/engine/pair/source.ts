/** The pair builder as a multi-capture entity source of the engine (loaded by sources.ts when two devices or more are diagnosed). */
import {type EntitySource} from '../sources.js'
import {pairEntities} from './index.js'

export const pairSource: EntitySource = (byDevice, ctx) => pairEntities(byDevice, {captureMs: ctx.captureMs, encapsFloor: ctx.thresholds.encapsFloor, before: ctx.before})
