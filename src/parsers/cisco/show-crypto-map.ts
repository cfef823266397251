/**
 * `show crypto map` and `show crypto map tag X` (IOS): one cryptoMap per map name and one
 * cryptoMapEntry per sequence. A map may have no entries (only "Interfaces using crypto map X:").
 * Entry interfaces are copied from their map once the whole output is read.
 */
import type {CryptoMap} from '../../model/index.js'
import {LineAccount, leadChar} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {IdRegistry, RawFields, scoreLines} from './common.js'
import {ENTRY_HEADER, type EntryRecord, applyEntryLine, closeEntry, newEntry, parseEntryHeader} from './map-entry.js'

// "Interfaces using crypto map TUNNELMAP:"
const INTERFACES_HEADER = /^\s*Interfaces using crypto map\s+(\S+?)\s*:\s*$/i
// "Crypto Map: "VPN" idb: GigabitEthernet0/1 local address: 203.0.113.1"
const IDB_HEADER = /^\s*Crypto Map:\s*"([^"]+)"\s+idb:\s*(\S+)(?:\s+local address:\s*(\S+))?\s*$/i
// "FastEthernet0/1" / "GigabitEthernet0/0.100" / "Tunnel0"
const INTERFACE_NAME = /^\s*([A-Za-z][\w-]*\d[\w./:]*)\s*$/

interface MapRecord {
  name: string
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

  constructor(lines: Line[], private readonly ctx: ParseContext) {
    this.acc = new LineAccount(lines)
  }

  mapOf(name: string, line: Line): MapRecord {
    let rec = this.maps.get(name)
    if (!rec) {
      rec = {name, fields: new RawFields(), interfaces: [], entries: [], start: line.n, end: line.n}
      this.maps.set(name, rec)
    }
    rec.start = Math.min(rec.start, line.n)
    rec.end = Math.max(rec.end, line.n)
    return rec
  }

  closeEntry(): void {
    if (this.entry) closeEntry(this.entry)
    this.entry = null
  }

  read(line: Line): void {
    const text = line.text
    // the entry, listing and idb headers start with a fixed word: test them only when the first letter fits
    const lead = leadChar(text)
    if (lead === '') {
      this.listing = null
      return this.acc.ignore(line)
    }
    const header = lead === 'C' || lead === 'c' ? parseEntryHeader(text) : null
    if (header) {
      this.closeEntry()
      this.listing = null
      const map = this.mapOf(header.name, line)
      const rec = newEntry(this.ctx, header, line, this.ids.unique(`mapentry:${header.name}:${header.seq}`))
      if (header.template) rec.fact.id = rec.fact.id.replace(/^mapentry:/, 'dynmap:')
      map.entries.push(rec)
      this.entry = rec
      this.entryMap = map
      return this.acc.consume(line)
    }
    let m: RegExpExecArray | null
    if ((lead === 'I' || lead === 'i') && (m = INTERFACES_HEADER.exec(text))) {
      this.closeEntry()
      const map = this.mapOf(m[1], line)
      map.fields.set('Interfaces using crypto map', m[1], line)
      this.listing = map
      return this.acc.consume(line)
    }
    if ((lead === 'C' || lead === 'c') && (m = IDB_HEADER.exec(text))) {
      this.closeEntry()
      this.listing = null
      const map = this.mapOf(m[1], line)
      map.fields.set('idb', m[2], line)
      if (m[3]) map.fields.set('local address', m[3], line)
      if (!map.interfaces.includes(m[2])) map.interfaces.push(m[2])
      return this.acc.consume(line)
    }
    if (this.listing && (m = INTERFACE_NAME.exec(text))) {
      this.listing.fields.set('interface', m[1], line)
      if (!this.listing.interfaces.includes(m[1])) this.listing.interfaces.push(m[1])
      this.listing.end = Math.max(this.listing.end, line.n)
      return this.acc.consume(line)
    }
    this.listing = null
    if (this.entry && applyEntryLine(this.entry, line)) {
      this.entry.fact.source.endLine = line.n
      const map = this.entryMap
      if (map) map.end = Math.max(map.end, line.n)
      return this.acc.consume(line)
    }
    this.acc.reject(line, this.entry ? 'unknown line in a crypto map entry' : 'line outside any crypto map entry')
  }

  finish(): ParseResult {
    this.closeEntry()
    const ids = new IdRegistry()
    for (const map of this.maps.values()) {
      const statics = map.entries.filter((e) => !e.fact.isTemplate)
      if (statics.length > 0 || map.fields.has('Interfaces using crypto map') || map.fields.has('idb')) {
        const fact: CryptoMap = {
          kind: 'cryptoMap', id: ids.unique(`map:${map.name}`), source: sourceOf(this.ctx, map.start, map.end),
          raw: map.fields.fields, name: map.name, interfaces: map.interfaces, entryCount: statics.length,
        }
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
    return this.acc.finish()
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const reader = new CryptoMapReader(lines, ctx)
  for (let li = 0; li < lines.length; li++) reader.read(lines[li])
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
    return statics ? 0.9 : scoreLines(lines, [INTERFACES_HEADER, IDB_HEADER], [/^\s*Peer\s*=\s*\S+/, /^\s*Transform sets\s*=/])
  },
  parse,
}
