/** The delta builder as a multi-capture entity source: it runs when a before capture is given (loaded by sources.ts then). */
import {type EntitySource} from '../sources.js'
import {deltaEntities} from './index.js'

export const deltaSource: EntitySource = (byDevice, ctx) =>
  ctx.before
    ? deltaEntities({after: byDevice, before: ctx.before.byDevice, afterMs: ctx.captureMs, beforeMs: ctx.before.captureMs, thresholdsFor: () => ctx.thresholds})
    : []
