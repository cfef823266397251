/**
 * Interface names as the vendors print them: which are tunnels, and whether two spellings name the
 * same interface ("Gi0/0/1" in a brief table, "GigabitEthernet0/0/1" in a route; "Tu100", "Tunnel100").
 */
import type {Vendor} from '../model/common.js'

// "Tunnel100", "Tunnel0.5", "Virtual-Access2", "Virtual-Template1" (IOS, IOS-XE, ASA VTI)
const CISCO_TUNNEL = /^(?:Tunnel|Tu\d|Virtual-Access|Vi\d|Virtual-Template|Vt\d)/i
// "st0", "st0.1", "es-0/0/0", "ip-0/0/0.0", "gr-0/0/0", "ms-1/0/0.1", "sp-0/0/0.16383" (Junos)
const JUNOS_TUNNEL = /^(?:st\d|es-|ip-|gr-|ms-|sp-)/i

/** A tunnel interface: IOS Tunnel*, Virtual-Access*, Virtual-Template*; Junos st0*, es-*, ip-*, gr-*, ms-*, sp-*. */
export function isTunnelInterface(name: string, vendor: Vendor | null): boolean {
  if (vendor === 'cisco') return CISCO_TUNNEL.test(name)
  if (vendor === 'junos') return JUNOS_TUNNEL.test(name)
  return CISCO_TUNNEL.test(name) || JUNOS_TUNNEL.test(name)
}

// "GigabitEthernet0/0/1" -> "gi" + "0/0/1"; "Tu100" -> "tu" + "100"; "ge-0/0/0.0" -> "ge" + "-0/0/0.0";
// "outside" (an ASA nameif) -> the whole name
const CISCO_NAME = /^([A-Za-z]{2})[A-Za-z-]*?(\d[\d/.:]*)$/

/**
 * The same interface in two spellings: Cisco names compare by their first two letters and their
 * numbers (the abbreviations the CLI accepts), others as printed, case aside.
 */
export function sameInterface(a: string, b: string): boolean {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x === y) return true
  const mx = CISCO_NAME.exec(x)
  const my = CISCO_NAME.exec(y)
  return mx !== null && my !== null && mx[1] === my[1] && mx[2] === my[2]
}
