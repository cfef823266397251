/**
 * Asking for the device log when the show outputs leave the cause open (issue 14): a stuck phase 1,
 * phase 1 up without phase 2, a tunnel down, whose finding no log line explains yet. The rules list
 * the log among the data they use (`requires`: `show logging`, `show log kmd`); "what to collect next"
 * (missing.ts) and the wizard turn that into the exact command of the device's platform, with what to
 * look for in it. Every command here matches a form of rules/catalogue/<platform>.json (tested).
 */
import type {Platform} from './platform.js'

export interface LogHint {
  /** The command to run, filtered to the IPsec lines. */
  command: string
  /** What to look for in its output, in the platform's own words. */
  lookFor: string
}

const IOS: LogHint = {
  command: 'show logging | include CRYPTO',
  lookFor:
    '%CRYPTO-4-IKMP_BAD_MESSAGE "failed its sanity check" (pre-shared key mismatch), %CRYPTO-6-IKMP_SA_NOT_OFFERED or "phase 1 SA policy not acceptable" (IKE proposal), ' +
    '"proxy identities not supported" (proxy ids), "IPSec policy invalidated proposal" (transform set / PFS), %CRYPTO-4-RECVD_PKT_INV_SPI (stale SA)',
}

const JUNOS: LogHint = {
  command: 'show log kmd | last 50',
  lookFor:
    '"IKE negotiation failed with error: No proposal chosen | Authentication failed | Timed out", "IPSec negotiation failed with error: Peer proposed traffic-selectors are not in configured range", ' +
    'KMD_VPN_TS_MISMATCH (proxy ids), "Peer\'s IKE-ID validation failed" (identity), "Policy lookup failed" (no gateway for the peer)',
}

/** The log command and what to look for, per platform. */
export const LOG_HINTS: Record<Platform, LogHint> = {
  ios: IOS,
  'ios-xe': IOS,
  asa: {
    command: 'show logging | include 7130|7131|7132',
    lookFor:
      '713257 "Mismatched attribute types for class <attribute>: Rcv\'d ... Cfg\'d ..." (proposal, both values), 713048 / 713902 "proposals found unacceptable" (IKE / transform set), ' +
      '713061 / 713259 "crypto map policy not found" (proxy ids), 713138 / 713130 (tunnel group or key missing), 713123 "lost contact" (DPD)',
  },
  'junos-srx': JUNOS,
  'junos-mx': JUNOS,
  'junos-es': JUNOS,
}

/** Commands in a rule's `requires` that stand for the device log (any of its spellings). */
export function isLogRequirement(command: string): boolean {
  return /^show log(?:ging)?\b/.test(command.trim())
}

/** The platform a device's log hint is given for, when the capture did not tell (IOS for Cisco, SRX for Junos). */
export function logHintFor(platform: string | null, vendor: 'cisco' | 'junos'): LogHint {
  return LOG_HINTS[(platform ?? '') as Platform] ?? (vendor === 'cisco' ? IOS : JUNOS)
}
