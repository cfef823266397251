/** `--format json`: the diagnose document itself (schema in src/model/finding.ts, published under schema/). */
import type {DiagnoseDocument} from '../model/index.js'

export function renderJson(doc: DiagnoseDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}
