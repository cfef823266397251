/**
 * The <placeholders> remediation and confirm commands may use that the facts fill
 * (findings.ts placeholderValues; rules/README.md describes what fills each). Any other
 * <name> in a command is left for the user to fill.
 */
export const FILLED_PLACEHOLDERS = [
  'peer',
  'primary-peer',
  'backup-peer',
  'current-peer',
  'local-address',
  'conn-id',
  'sa-name',
  'vpn',
  'index',
  'service-set',
  'rule',
  'term',
  'map',
  'seq',
  'interface',
  'acl',
  'transform-set',
  'cert-id',
  'local-cert-id',
  'ca-cert-id',
  'trustpoint',
  'ike-policy',
  'subject',
  'remote-net',
  'local-net',
  'remote-net-acl',
  'local-net-acl',
  'remote-net-mask',
  'local-net-mask',
  'remote-host',
  'local-host',
  'side',
]
