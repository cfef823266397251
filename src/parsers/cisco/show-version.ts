/**
 * IOS / IOS-XE `show version` -> one deviceInfo fact: host name, model, software version, uptime,
 * last restart, reload reason, image file. The values sit on a dozen lines of a long output; the
 * legal and export text, the licence tables and the hardware inventory are decoration, any other line
 * is reported. The output ends with "Configuration register is ...": without it the fact is partial.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {deviceInfoFact, emptyDeviceValues, platformOfModel} from '../device-info.js'
import {isFiltered} from './modern-common.js'
import {RawFields, scoreLines} from './common.js'
import {CONFIG_REGISTER, IMAGE_FILE, isLegalText} from './version-lines.js'

// "Cisco IOS XE Software, Version 17.06.05"
const XE_SOFTWARE = /^Cisco IOS XE Software, Version (\S+)$/
// "Cisco IOS Software [Bengaluru], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.6.5, RELEASE SOFTWARE (fc2)"
// "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M5, RELEASE SOFTWARE (fc1)"
// "IOS (tm) 7200 Software (C7200-JS-M), Version 12.3(4)T, RELEASE SOFTWARE (fc1)"
const IOS_SOFTWARE = /^(?:Cisco )?IOS(?: \(tm\))?(?: Software)?\b.*?\bSoftware\b.*?, Version ([^,\s]+)/
// "ROM: 16.12(2r)" / "ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)" / "BOOTLDR: ..."
const ROM = /^(ROM|BOOTLDR): (.+)$/
// "r1-edge uptime is 3 weeks, 2 days, 4 hours, 11 minutes"
const UPTIME = /^(\S+) uptime is (.+)$/
// "Uptime for this control processor is 3 weeks, 2 days, 4 hours, 13 minutes"
const RP_UPTIME = /^Uptime for this control processor is (.+)$/
// "System returned to ROM by Reload Command at 07:36:41 CEST Tue Jun 18 2024" / "System returned to ROM by power-on"
const RETURNED = /^System returned to ROM by (.+?)(?: at (.+))?$/
// "System restarted at 07:38:02 CEST Tue Jun 18 2024" / "System restarted by reload at 10:00:00 UTC Mon Jan 1 2024"
const RESTARTED = /^System restarted (?:by (.+?) )?at (.+)$/
// "Last reload reason: Reload Command" / "Last reload type: Normal Reload"
const LAST_RELOAD = /^Last reload (reason|type): (.+)$/
// "cisco ISR4331/K9 (1RU) processor with 1795979K/6147K bytes of memory."
// "Cisco CISCO2911/K9 (revision 1.0) with 483328K/40960K bytes of memory."
const MODEL = /^[Cc]isco (\S+) .*\bwith (\S+) bytes of (?:physical )?memory\.?$/
// "Processor board ID FLM2041W1HE"
const BOARD_ID = /^Processor board ID (\S+)/
// "Router operating mode: Autonomous" / "Installation mode is INSTALL"
const MODE = /^(?:Router operating mode: (.+)|Installation mode is (\S+))$/
// "The current crypto throughput level is 250000 kbps"
const THROUGHPUT = /^The current crypto throughput level is (.+)$/

// hardware inventory: "3 Gigabit Ethernet interfaces", "1 terminal line", "1 Virtual Private Network (VPN) Module",
// "32768K bytes of non-volatile configuration memory.", "191K bytes of NVRAM.", "DRAM configuration is 64 bits wide ..."
const INVENTORY = /^\d+ [A-Za-z].*?\b(?:[Ii]nterfaces?|[Ll]ines?|[Mm]odules?|[Pp]orts?)$|^\d+K bytes of |^DRAM configuration is |^Base [Ee]thernet MAC [Aa]ddress\b/
// licence section heads: "Technology Package License Information:", "... for Module:'c2900'", "License Info:",
// "License UDI:", "Smart Licensing Status: ...", "License Level: ipbasek9", "AIR License Level: ..."
const LICENSE_HEAD = /^(?:Technology Package License Information\b|Suite License Information\b|License (?:Info|UDI):$|Smart Licensing Status:|(?:Next reload |AIR )?License (?:Level|Type):)/
// a licence table header or row: "Technology Type Technology-package Technology-package", "Current Next Reboot",
// "securityk9 Smart License securityk9 securityk9", "ipbase ipbasek9 Permanent ipbasek9", "Device# PID SN",
// "*0 CISCO2911/K9 FTX1234A5BC"
const LICENSE_ROW = /^\*?[\w#/.-]+(?: [\w#/.-]+){1,5}$/
// "------------------------------------------------------------------"
const RULE = /^-{5,}$/

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const f = new RawFields()
  const v = emptyDeviceValues()
  let xe = false
  let iosLine = false
  let ended = false
  let inLicense = false
  let returnedBy: string | null = null
  const read = (label: string, value: string, line: Line) => {
    f.set(label, value, line)
    acc.consume(line)
    inLicense = false
  }
  for (const line of lines) {
    const t = line.text
    if (t === '' || RULE.test(t) || isLegalText(t)) {
      acc.ignore(line)
      continue
    }
    let m: RegExpExecArray | null
    if ((m = XE_SOFTWARE.exec(t))) {
      xe = true
      v.version = m[1]
      read('Cisco IOS XE Software, Version', m[1], line)
    } else if ((m = IOS_SOFTWARE.exec(t))) {
      iosLine = true
      if (/IOS[- ]XE/.test(t)) xe = true
      v.version ??= m[1]
      read('Software', t, line)
    } else if ((m = ROM.exec(t))) read(m[1], m[2], line)
    else if ((m = RP_UPTIME.exec(t))) read('Uptime for this control processor is', m[1], line)
    else if ((m = UPTIME.exec(t))) {
      v.hostname = m[1]
      v.uptime = m[2]
      read('hostname', m[1], line)
      f.set('uptime is', m[2], line)
    } else if ((m = RETURNED.exec(t))) {
      returnedBy = m[1]
      read('System returned to ROM by', m[1], line)
      if (m[2]) f.set('System returned to ROM at', m[2], line)
    } else if ((m = RESTARTED.exec(t))) {
      v.lastRestart = m[2]
      if (m[1]) returnedBy ??= m[1]
      read('System restarted at', m[2], line)
    } else if ((m = IMAGE_FILE.exec(t))) {
      v.imageFile = m[1]
      read('System image file is', m[1], line)
    } else if ((m = LAST_RELOAD.exec(t))) {
      if (m[1] === 'reason') v.reloadReason = m[2]
      read(`Last reload ${m[1]}`, m[2], line)
    } else if ((m = MODEL.exec(t))) {
      v.model = m[1]
      read('model', m[1], line)
      f.set('memory', m[2], line)
    } else if ((m = BOARD_ID.exec(t))) read('Processor board ID', m[1], line)
    else if ((m = MODE.exec(t))) read(m[1] !== undefined ? 'Router operating mode' : 'Installation mode', m[1] ?? m[2], line)
    else if ((m = THROUGHPUT.exec(t))) read('crypto throughput level', m[1], line)
    else if ((m = CONFIG_REGISTER.exec(t))) {
      ended = true
      read('Configuration register is', m[1], line)
    } else if (LICENSE_HEAD.test(t)) {
      inLicense = true
      acc.ignore(line)
    } else if (INVENTORY.test(t) || (inLicense && LICENSE_ROW.test(t))) acc.ignore(line)
    else acc.reject(line, 'not a line of IOS show version this reader knows')
  }
  if (f.size > 0) {
    // "System returned to ROM by power-on": the reason when no "Last reload reason" line says it
    v.reloadReason ??= returnedBy
    v.platform = xe ? 'ios-xe' : (platformOfModel(v.model) ?? (iosLine && ended ? 'ios' : null))
    if (v.model !== null && xe && platformOfModel(v.model) === 'ios') acc.warn(`model ${v.model} runs IOS, but the software line says IOS XE`)
    acc.add(deviceInfoFact(ctx, f.fields, v, null, !ended || isFiltered(ctx)))
  }
  return acc.finish()
}

function detect(lines: Line[]): number {
  // the software line and the uptime line are the head of every IOS show version
  return scoreLines(lines, [XE_SOFTWARE, /^(?:Cisco )?IOS(?: \(tm\))? .*Software.*, Version /, UPTIME], [RESTARTED, IMAGE_FILE, CONFIG_REGISTER], 60)
}

export const showVersion: ParserSpec = {
  id: 'cisco/show-version',
  vendor: 'cisco',
  command: 'show version',
  detect,
  parse,
}
