/** Heuristics of the pair checks (conditions.md, "Both ends captured"); no schema here: the checks use them at run time. */
export const PAIR_LIMITS = {
  /** SPI and counter checks assume captures at most this far apart. */
  maxCaptureGapSec: 60,
  /** SAs this close to expiry are left out of SPI checks (rekey race). */
  nearExpirySec: 120,
}
