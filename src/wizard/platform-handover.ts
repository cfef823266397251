/**
 * The platform the user chose for each device in `troubleshoot` is handed to the diagnosis, so the
 * remediation is chosen for that platform (src/engine/platform.ts): an ASA user never gets IOS syntax
 * because an output happened to be read by an IOS-family parser, and a Junos user gets the steps of
 * their SRX, MX or legacy device instead of every variant labelled.
 *
 * The parsers still correct a choice their output contradicts (an ASA parser makes an ASA).
 */
import type {ParseDocument} from '../model/index.js'
import type {Platform} from '../engine/platform.js'

/** Wizard platform ids (src/wizard/graph.json) -> remediation platforms. */
export const WIZARD_PLATFORMS: Record<string, Platform> = {
  'cisco-ios': 'ios',
  'cisco-ios-xe': 'ios-xe',
  'cisco-asa': 'asa',
  'junos-srx': 'junos-srx',
  'junos-mx': 'junos-mx',
  'junos-legacy': 'junos-es',
}

export interface ChosenPlatform {
  name: string
  platform: {id: string}
}

/** Sets each session device's platform in the merged document to the one the user chose. */
export function withChosenPlatforms(doc: ParseDocument, sides: readonly ChosenPlatform[]): ParseDocument {
  for (const side of sides) {
    const platform = WIZARD_PLATFORMS[side.platform.id]
    if (!platform) continue
    for (const d of doc.devices) if (d.name === side.name) d.platform = platform
  }
  return doc
}
