/** Registers the delta builder as a multi-capture entity source: it runs when a before capture is given. */
import {ENTITY_SOURCES, type EntitySource} from '../sources.js'
import {deltaEntities} from './index.js'

export const deltaSource: EntitySource = (byDevice, ctx) =>
  ctx.before
    ? deltaEntities({after: byDevice, before: ctx.before.byDevice, afterMs: ctx.captureMs, beforeMs: ctx.before.captureMs, thresholdsFor: () => ctx.thresholds})
    : []

if (!ENTITY_SOURCES.includes(deltaSource)) ENTITY_SOURCES.push(deltaSource)
