/**
 * "What to collect next": for every device, the commands the enabled rules need (rule `requires`)
 * that the capture does not hold, in that vendor's syntax, with the checks they would enable.
 */
import type {MissingData, ParseDocument, Vendor} from '../model/index.js'
import type {LoadedRule} from './rule.js'
import {isLogRequirement, logHintFor} from './log-hints.js'
import {matchCommand} from '../ingest/commands.js'

/** Trailing words that select a view of the same output ("detail", "brief"). */
const VIEW_WORDS = new Set(['detail', 'detailed', 'brief', 'extensive', 'terse'])

function baseCommand(command: string): string {
  const words = command.trim().toLowerCase().split(/\s+/)
  while (words.length > 1 && VIEW_WORDS.has(words[words.length - 1])) words.pop()
  return words.join(' ')
}

/** Canonical commands captured per device, as added from blocks and from the facts' provenance. */
export class CapturedCommands {
  readonly byDevice = new Map<string, Set<string>>()

  add(device: string, command: string | null): void {
    if (!command) return
    let set = this.byDevice.get(device)
    if (!set) this.byDevice.set(device, (set = new Set<string>()))
    set.add(baseCommand(command))
  }

  /** Adds the commands of a list of facts; facts of one block come in a row, so repeats are skipped. */
  addFacts(list: ReadonlyArray<{source: {device: string; command: string}}>): void {
    let lastDevice: string | null = null
    let lastCommand: string | null = null
    for (const f of list) {
      const {device, command} = f.source
      if (device === lastDevice && command === lastCommand) continue
      lastDevice = device
      lastCommand = command
      this.add(device, command)
    }
  }
}

/** Canonical commands captured per device (from the blocks and the facts' provenance). */
export function capturedCommands(doc: ParseDocument): Map<string, Set<string>> {
  const out = new CapturedCommands()
  for (const b of doc.blocks) out.add(b.device, b.command)
  for (const list of Object.values(doc.facts)) out.addFacts(list as Array<{source: {device: string; command: string}}>)
  return out.byDevice
}

/**
 * Whether `command` (or a longer or shorter form of it) was captured, or another command that one of
 * its parsers reads: on an ASA, `show crypto ikev1 sa` answers a rule that asks for `show crypto isakmp sa`.
 */
function isCaptured(captured: Set<string>, command: string, vendor: Vendor | null = null): boolean {
  const want = baseCommand(command)
  for (const have of captured) if (have === want || have.startsWith(`${want} `) || want.startsWith(`${have} `)) return true
  return matchCommand(command, vendor)?.parsers.some((p) => captured.has(p.command)) ?? false
}

/**
 * The spelling to suggest: Junos SRX captures ("show security ...") get the SRX form of a command
 * when the rule lists one, legacy/services captures the other.
 */
function preferredCommand(vendor: Vendor, captured: Set<string>, options: string[]): string {
  if (vendor !== 'junos') return options[0]
  const srx = [...captured].some((c) => c.startsWith('show security '))
  return options.find((o) => o.startsWith('show security ') === srx) ?? options[0]
}

/**
 * `captured`: the commands of the document when the caller already collected them (capturedCommands).
 * `openCauses`: per device, the rules whose findings the show output left without a named cause (no
 * log line explains them). The device log is asked for only for those, in the platform's exact words.
 */
export function missingData(doc: ParseDocument, rulesFor: (device: string) => LoadedRule[], captured = capturedCommands(doc), openCauses?: (device: string) => ReadonlySet<string>): MissingData[] {
  const out: MissingData[] = []
  for (const device of doc.devices) {
    const vendor = device.vendor as Vendor | null
    if (!vendor) continue
    const have = captured.get(device.name) ?? new Set<string>()
    const platform = device.platform ?? (vendor === 'cisco' ? 'ios' : 'junos')
    const byCommand = new Map<string, {purposes: string[]; rules: string[]}>()
    const open = openCauses?.(device.name)
    for (const rule of rulesFor(device.name)) {
      if (!rule.vendors.includes(vendor)) continue
      for (const req of rule.requires?.[vendor] ?? []) {
        const options = [req.command, ...(req.alternatives ?? [])]
        if (options.some((c) => isCaptured(have, c, vendor))) continue
        if (req.onlyWith && !req.onlyWith.some((c) => isCaptured(have, c, vendor))) continue
        // the device log is asked for below, where the show output leaves a finding's cause open
        if (open && isLogRequirement(req.command)) continue
        if (req.platforms && !req.platforms.includes(platform)) continue
        const command = preferredCommand(vendor, have, options)
        const entry = byCommand.get(command) ?? {purposes: [], rules: []}
        if (!entry.purposes.includes(req.purpose)) entry.purposes.push(req.purpose)
        if (!entry.rules.includes(rule.id)) entry.rules.push(rule.id)
        byCommand.set(command, entry)
      }
    }
    const logRules = open && !isCaptured(have, 'show logging') && !isCaptured(have, 'show log') ? [...open].sort() : []
    if (logRules.length > 0) {
      // the show output states the fault, not its cause: the log names it
      const hint = logHintFor(device.platform, vendor)
      out.push({device: device.name, vendor, command: hint.command, reason: `run \`${hint.command}\` on ${device.name}: the show output leaves the cause open, the log names it; look for ${hint.lookFor}`, rules: logRules})
    }
    const items = [...byCommand.entries()].sort((a, b) => b[1].rules.length - a[1].rules.length || a[0].localeCompare(b[0]))
    for (const [command, e] of items) {
      out.push({device: device.name, vendor, command, reason: `run \`${command}\` on ${device.name} to check ${e.purposes.join('; ')}`, rules: e.rules})
    }
  }
  return out
}
