/**
 * The model's run-time values that need no schema: what ingest, the engine and the reports use while
 * they run. No zod here, so a run does not load the schemas (src/model/index.ts re-exports these; the
 * zod definitions use them and a test checks they agree).
 */
import type {FactKind, FactsByKind} from './facts.js'

/** Version of the `--json` contract (`schemaVersion` of both documents). */
export const SCHEMA_VERSION = 2

/** The fact kinds, in the order of the document's `facts` object. */
export const FACT_KINDS: FactKind[] = [
  'ikeSa', 'ikeStats', 'ipsecFlow', 'ipsecSa', 'ipsecStats', 'engineConnection', 'droppedPackets', 'cryptoMap',
  'cryptoMapEntry', 'certificate', 'redundancy', 'captureTime', 'cryptoSession', 'logEvent', 'vpnSession',
  'statusCounter', 'trustpointStatus', 'ikeActivePeer', 'ikeProposal', 'ipsecProposal', 'ikePolicy', 'ikeGateway',
  'ipsecPolicy', 'vpnTunnel', 'accessList', 'natRule', 'netObject',
  'deviceInfo', 'clusterStatus', 'interfaceStatus', 'route', 'natTranslation',
]

/** One empty list per fact kind. */
export function emptyFacts(): FactsByKind {
  return Object.fromEntries(FACT_KINDS.map((k) => [k, []])) as unknown as FactsByKind
}

/** Severities from the most to the least severe, and their rank (higher is worse). */
export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const
export const SEVERITY_RANK: Record<(typeof SEVERITIES)[number], number> = {critical: 4, error: 3, warning: 2, info: 1}
