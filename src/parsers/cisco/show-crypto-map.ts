/**
 * `show crypto map` and `show crypto map tag X` (IOS): one cryptoMap per map name and one
 * cryptoMapEntry per sequence. A map may have no entries (only "Interfaces using crypto map X:").
 * Entry interfaces are copied from their map once the whole output is read.
 */
import type {CryptoMap} from '../../model/index.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {IdRegistry, RawFields, scoreLines} from './common.js'
import {
  ENTRY_HEADER, type EntryRecord, applyEntryLine, closeEntry, continuesTransforms, entryComplete, isEntryLabel, lastLabel, newEntry,
  newHeadlessEntry, nextRank, parseEntryHeader, settleTransforms, startsAnotherEntry,
} from './map-entry.js'

// "Interfaces using crypto map TUNNELMAP:"
const INTERFACES_HEADER = /^Interfaces using crypto map (\S+?) ?:$/i
// "NiStTeSt1": the map IOS 15 and IOS-XE create for their crypto self-test and list first in every
// show crypto map ("Interfaces using crypto map NiStTeSt1:" with nothing under it); nobody configured it.
// "NiStTeMpL_VRF_CrYpTo_MaP": the same kind of internal map IOS-XE 16 lists for crypto templates
// ("Interfaces using crypto map NiStTeMpL_VRF_CrYpTo_MaP:" with nothing under it)
const SELF_TEST_MAP = /^NiSt(?:TeSt\d*|TeMpL_VRF_CrYpTo_MaP)$/
// "Crypto Map: "VPN" idb: GigabitEthernet0/1 local address: 203.0.113.1"
const IDB_HEADER = /^Crypto Map: ?"([^"]+)" idb: ?(\S+)(?: local address: ?(\S+))?$/i
// "FastEthernet0/1" / "GigabitEthernet0/0.100" / "Tunnel0"
const INTERFACE_NAME = /^([A-Za-z][\w-]*\d[\w./:]*)$/

interface MapRecord {
  name: string
  partial?: true
  /** Interface lines under the latest "Interfaces using crypto map" header. */
  listedCount: number
  fields: RawFields
  interfaces: string[]
  entries: EntryRecord[]
  start: number
  end: number
}

export class CryptoMapReader {
  readonly acc: LineAccount
  readonly maps = new Map<string, MapRecord>()
  readonly ids = new IdRegistry()
  entry: EntryRecord | null = null
  /** The map record of `entry` (maps.get(entry.fact.map), kept so body lines need no lookup). */
  entryMap: MapRecord | null = null
  listing: MapRecord | null = null
  /** The entry that was still open when the input ended (closeEntry() clears it otherwise). */
  lastOpen: EntryRecord | null = null
  /** Per map, its last static entry has been followed by an "Interfaces using crypto map" listing. */
  readonly listed = new Set<MapRecord>()
  /** Entries read without their header (filtered or cut output), and the one being read. */
  readonly headlessEntries: EntryRecord[] = []
  headless: EntryRecord | null = null
  /** After a header of output this parser does not read: its body lines are not read either. */
  foreign = false

  /** `templates`: an entry without its header is a dynamic map template (show crypto dynamic-map). */
  constructor(lines: Line[], private readonly ctx: ParseContext, private readonly templates = false) {
    this.acc = new LineAccount(lines)
  }

  mapOf(name: string, line: Line): MapRecord {
    let rec = this.maps.get(name)
    if (!rec) {
      rec = {name, listedCount: 0, fields: new RawFields(), interfaces: [], entries: [], start: line.n, end: line.n}
      this.maps.set(name, rec)
    }
    rec.start = Math.min(rec.start, line.n)
    rec.end = Math.max(rec.end, line.n)
    return rec
  }

  closeEntry(): void {
    if (this.entry) closeEntry(this.entry)
    this.entry = null
    if (this.headless) closeEntry(this.headless)
    this.headless = null
  }

  /** Ends an entry because a header followed it (the entry was not cut off). */
  endEntry(): void {
    this.closeEntry()
    this.lastOpen = null
  }

  read(line: Line): void {
    const text = line.text
    // blank lines separate nothing: pasted captures gain and lose them
    if (text === '') return this.acc.ignore(line)
    const header = parseEntryHeader(text)
    if (header) {
      this.endEntry()
      this.foreign = false
      this.listing = null
      const map = this.mapOf(header.name, line)
      const rec = newEntry(this.ctx, header, line, this.ids.unique(`mapentry:${header.name}:${header.seq}`))
      if (header.template) rec.fact.id = rec.fact.id.replace(/^mapentry:/, 'dynmap:')
      map.entries.push(rec)
      this.entry = rec
      this.entryMap = map
      this.lastOpen = rec
      if (!header.template) this.listed.delete(map)
      return this.acc.consume(line)
    }
    let m: RegExpExecArray | null
    if ((m = INTERFACES_HEADER.exec(text))) {
      this.endEntry()
      if (SELF_TEST_MAP.test(m[1])) {
        this.listing = null
        return this.acc.ignore(line)
      }
      const map = this.mapOf(m[1], line)
      this.listed.add(map)
      map.listedCount = 0
      map.fields.set('Interfaces using crypto map', m[1], line)
      this.listing = map
      return this.acc.consume(line)
    }
    if ((m = IDB_HEADER.exec(text))) {
      this.endEntry()
      this.listing = null
      const map = this.mapOf(m[1], line)
      map.fields.set('idb', m[2], line)
      if (m[3]) map.fields.set('local address', m[3], line)
      if (!map.interfaces.includes(m[2])) map.interfaces.push(m[2])
      return this.acc.consume(line)
    }
    if (this.listing && (m = INTERFACE_NAME.exec(text))) {
      this.listing.fields.set('interface', m[1], line)
      this.listing.listedCount++
      if (!this.listing.interfaces.includes(m[1])) this.listing.interfaces.push(m[1])
      this.listing.end = Math.max(this.listing.end, line.n)
      return this.acc.consume(line)
    }
    this.listing = null
    if (this.entry === null && !this.foreign && this.readHeadless(line)) return this.acc.consume(line)
    if (this.entry && applyEntryLine(this.entry, line, (message) => this.acc.warn(message))) {
      this.entry.fact.source.endLine = line.n
      const map = this.entryMap
      if (map) map.end = Math.max(map.end, line.n)
      return this.acc.consume(line)
    }
    this.acc.reject(line, this.entry ? 'unknown line in a crypto map entry' : 'line outside any crypto map entry')
  }

  /**
   * A body line with no entry header above it (output filtered through `| include`, or cut at the
   * top): it joins the headerless entry being read unless its label goes back in print order, which
   * starts another one. False when the line is no entry line at all.
   */
  readHeadless(line: Line): boolean {
    const warn = (message: string) => this.acc.warn(message)
    let cur = this.headless
    if (cur && continuesTransforms(cur, line)) {
      applyEntryLine(cur, line, warn)
    } else {
      const probe = newHeadlessEntry(this.ctx, this.templates, line, '')
      if (!applyEntryLine(probe, line)) return false
      const label = lastLabel(probe) ?? 'Transform sets'
      // no header above it: only a label show crypto map prints makes it an entry line
      if (!isEntryLabel(label)) return false
      if (cur) settleTransforms(cur)
      if (!cur || startsAnotherEntry(cur, label, cur.rank)) {
        cur = newHeadlessEntry(this.ctx, this.templates, line, this.ids.unique(`${this.templates ? 'dynmap' : 'mapentry'}:filtered-${this.headlessEntries.length + 1}`))
        this.headlessEntries.push(cur)
        this.headless = cur
      }
      applyEntryLine(cur, line, warn)
      cur.rank = nextRank(label, cur.rank)
    }
    cur.fact.source.endLine = line.n
    return true
  }

  /**
   * Marks what the capture shows only in part: an entry without its transform sets (or template),
   * and its map; the map whose last entry ended the input without the "Interfaces using crypto map"
   * listing IOS prints after it; a listing that ended the input before any interface, unless the
   * device's next prompt followed it (then the map is applied to no interface).
   */
  markPartial(): void {
    const last = this.lastOpen
    for (const map of this.maps.values()) {
      for (const e of map.entries) if (!entryComplete(e)) e.fact.partial = true
      const cut = map.entries.some((e) => e.fact.partial) ||
        (last !== null && !last.fact.isTemplate && last.fact.map === map.name && !this.listed.has(map)) ||
        (this.listing === map && map.listedCount === 0 && this.ctx.endedByPrompt !== true)
      if (cut) map.partial = true
    }
  }

  finish(): ParseResult {
    this.closeEntry()
    this.markPartial()
    const ids = new IdRegistry()
    for (const map of this.maps.values()) {
      const statics = map.entries.filter((e) => !e.fact.isTemplate)
      if (statics.length > 0 || map.fields.has('Interfaces using crypto map') || map.fields.has('idb')) {
        const fact: CryptoMap = {
          kind: 'cryptoMap', id: ids.unique(`map:${map.name}`), source: sourceOf(this.ctx, map.start, map.end),
          raw: map.fields.fields, name: map.name, interfaces: map.interfaces, entryCount: statics.length,
        }
        if (map.partial) fact.partial = true
        this.acc.add(fact)
      }
      for (const e of map.entries) {
        if (e.transformUnclosed) {
          this.acc.warn(`${e.fact.id}: transform set list at line ${e.transformLine?.n} is not closed (truncated output?)`)
        }
        if (!e.fact.isTemplate) e.fact.interfaces = [...map.interfaces]
        this.acc.add(e.fact)
      }
    }
    for (const e of this.headlessEntries) this.acc.add(e.fact)
    return this.acc.finish()
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const reader = new CryptoMapReader(lines, ctx)
  for (const line of lines) reader.read(line)
  return reader.finish()
}

export const showCryptoMap: ParserSpec = {
  id: 'cisco/show-crypto-map',
  vendor: 'cisco',
  command: 'show crypto map',
  detect: (lines) => {
    // a template header alone belongs to show crypto dynamic-map
    const statics = lines.some((l) => ENTRY_HEADER.test(l.text) && !/Template/i.test(l.text))
    // "Peer = 172.22.1.4", "Transform sets={ TUNNEL-TRANSFORM, }"
    return statics ? 0.9 : scoreLines(lines, [INTERFACES_HEADER, IDB_HEADER], [/^Peer ?= ?\S+/, /^Transform sets ?=/])
  },
  parse,
}
