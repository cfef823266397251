/** The causes of a finding in the order that fits the entity. */
// the label a cause may start with, naming the states it explains: "MM_WAIT_MSG5/6: ...", "MM_WAIT_MSG2: ..."
const STATE_LABEL = /^([A-Z][A-Z0-9_]*\d)((?:\/\d)*): /

/**
 * A rule's causes, those labelled with the state the entity is in first: in MM_WAIT_MSG6 the cause
 * "MM_WAIT_MSG5/6: pre-shared key or identity mismatch ..." leads. Other causes keep their order.
 */
export function causesForState(causes: readonly string[], stateRaw: unknown): string[] {
  if (typeof stateRaw !== 'string' || stateRaw === '') return [...causes]
  const names = (label: RegExpExecArray): string[] => {
    const stem = label[1].slice(0, -1)
    return [label[1], ...label[2].split('/').filter((d) => d !== '').map((d) => stem + d)]
  }
  const matching = causes.filter((c) => {
    const label = STATE_LABEL.exec(c)
    return label !== null && names(label).includes(stateRaw.toUpperCase())
  })
  return [...matching, ...causes.filter((c) => !matching.includes(c))]
}
