/**
 * ASA `show version` -> one deviceInfo fact: host name, hardware model, software version, uptime,
 * image file. The licensed-features table, the interface list and the licence and key lines are
 * decoration; any other line is reported. The output ends with "Configuration last modified by ..."
 * (or "has not been modified"): without it the fact is partial.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {deviceInfoFact, emptyDeviceValues} from '../device-info.js'
import {isFiltered} from './modern-common.js'
import {RawFields, scoreLines} from './common.js'
import {CONFIG_REGISTER, IMAGE_FILE, isLegalText} from './version-lines.js'

// "Cisco Adaptive Security Appliance Software Version 9.16(4)" / "... Version 9.8(4)20 <context>"
const SOFTWARE = /^Cisco Adaptive Security Appliance Software Version (\S+)(?: <\w+>)?$/
// "SSP Operating System Version 2.10(1.162)" / "Firepower Extensible Operating System Version 2.10(1.179)" / "Device Manager Version 7.18(1)"
const OTHER_VERSION = /^(SSP Operating System|Firepower Extensible Operating System|Device Manager) Version (\S+)$/
// "FW-DC01 up 52 days 3 hours" / "ciscoasa up 4 mins 25 secs"
const UPTIME = /^(\S+) up ((?:\d+ (?:years?|days?|hours?|mins?|secs?) ?)+)$/
// "failover cluster up 52 days 3 hours"
const FAILOVER_UPTIME = /^failover cluster up (.+)$/
// "Start-up time 23 secs"
const START_UP = /^Start-up time (.+)$/
// 'Config file at boot was "startup-config"'
const CONFIG_FILE = /^Config file at boot was "([^"]*)"$/
// "Hardware: ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)"
const HARDWARE = /^Hardware: ([^,]+)(?:,(?: (.*))?)?$/
// "Model Id: ASAv30"
const MODEL_ID = /^Model Id: (\S+)$/
// "Serial Number: JAD2105XXXX"
const SERIAL = /^Serial Number: (\S+)$/
// "Last Failover at: 10:11:12 UTC Nov 1 2026"
const LAST_FAILOVER = /^Last Failover at: (.+)$/
// "Configuration last modified by enable_15 at 10:22:33.129 CEST Mon Nov 23 2026"
const LAST_MODIFIED = /^Configuration last modified by (\S+) at (.+)$/
// "Configuration has not been modified since last system restart."
const NOT_MODIFIED = /^Configuration has not been modified since last system restart\.?$/

// hardware inventory: "Internal ATA Compact Flash, 8192MB", "BIOS Flash M25P64 @ 0xfed01000, 16384KB",
// "Encryption hardware device : Cisco ASA Crypto on-board accelerator (revision 0x1)", "Number of accelerators: 1",
// "Boot microcode : CNPx-MC-BOOT-2.00", "IPSec microcode : CNPx-MC-IPSEC-MAIN-0026",
// " 1: Ext: GigabitEthernet1/1 : address is 00a0.c900.0101, irq 255"
const INVENTORY = /^Internal ATA Compact Flash\b|^BIOS Flash |^Encryption hardware device ?:|^Number of accelerators: |^[\w/ ]*microcode ?: |^\d+: (?:Ext|Int): \S+ ?: address is /
// licences: "Licensed features for this platform:", "Failover cluster licensed features for this platform:",
// "This platform has an ASA5516 Security Plus license.", "Running Permanent Activation Key: 0x...",
// "Image type : Release", "Key Version : A"
const LICENSE = /^(?:Failover cluster licensed|Licensed) features for this platform:$|^This platform has an? .+ license\.$|^Running (?:Permanent |Timebased )?Activation Key: |^Image type ?: |^Key Version ?: /
// a licensed feature: "Maximum Physical Interfaces : Unlimited perpetual", "Security Contexts : 2 perpetual",
// "AnyConnect Premium Peers : 4 62 days"
const FEATURE = /^[A-Za-z][\w /&+-]*? ?: \S+(?: \S+)? (?:perpetual|\d+ days)$/

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const f = new RawFields()
  const v = emptyDeviceValues()
  let ended = false
  const read = (label: string, value: string, line: Line) => {
    f.set(label, value, line)
    acc.consume(line)
  }
  for (const line of lines) {
    const t = line.text
    if (t === '' || /^-{5,}$/.test(t) || isLegalText(t)) {
      acc.ignore(line)
      continue
    }
    let m: RegExpExecArray | null
    if ((m = SOFTWARE.exec(t))) {
      v.version = m[1]
      read('Cisco Adaptive Security Appliance Software Version', m[1], line)
    } else if ((m = OTHER_VERSION.exec(t))) read(`${m[1]} Version`, m[2], line)
    else if ((m = FAILOVER_UPTIME.exec(t))) read('failover cluster up', m[1], line)
    else if ((m = UPTIME.exec(t))) {
      v.hostname = m[1]
      v.uptime = m[2]
      read('hostname', m[1], line)
      f.set('up', m[2], line)
    } else if ((m = START_UP.exec(t))) read('Start-up time', m[1], line)
    else if ((m = IMAGE_FILE.exec(t))) {
      v.imageFile = m[1]
      read('System image file is', m[1], line)
    } else if ((m = CONFIG_FILE.exec(t))) read('Config file at boot was', m[1], line)
    else if ((m = HARDWARE.exec(t))) {
      v.model = m[1]
      read('Hardware', m[1], line)
      if (m[2]) f.set('Hardware resources', m[2], line)
    } else if ((m = MODEL_ID.exec(t))) read('Model Id', m[1], line)
    else if ((m = SERIAL.exec(t))) read('Serial Number', m[1], line)
    else if ((m = LAST_FAILOVER.exec(t))) read('Last Failover at', m[1], line)
    else if ((m = CONFIG_REGISTER.exec(t))) read('Configuration register is', m[1], line)
    else if ((m = LAST_MODIFIED.exec(t))) {
      ended = true
      read('Configuration last modified by', m[1], line)
      f.set('Configuration last modified at', m[2], line)
    } else if (NOT_MODIFIED.test(t)) {
      ended = true
      acc.ignore(line)
    } else if (INVENTORY.test(t) || LICENSE.test(t) || FEATURE.test(t)) acc.ignore(line)
    else acc.reject(line, 'not a line of ASA show version this reader knows')
  }
  if (f.size > 0) {
    v.platform = 'asa'
    acc.add(deviceInfoFact(ctx, f.fields, v, null, !ended || isFiltered(ctx)))
  }
  return acc.finish()
}

function detect(lines: Line[]): number {
  return scoreLines(lines, [SOFTWARE, FAILOVER_UPTIME], [UPTIME, HARDWARE, LICENSE], 60)
}

export const asaShowVersion: ParserSpec = {
  id: 'cisco/asa-show-version',
  vendor: 'cisco',
  command: 'show version',
  detect,
  parse,
}
