/** Device-level entities: crypto engine, crypto maps, certificates, redundancy, capture time, device info (show version), cluster status. */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'

export const EngineConnection = z
  .object({
    kind: z.literal('engineConnection'),
    ...factBase,
    connId: z.number().int(),
    interface: nullableStr().describe('Null for IKE rows'),
    ipAddress: nullableStr(),
    state: nullableStr(),
    algorithm: nullableStr().describe('As printed, e.g. HMAC_SHA+3DES_56_C'),
    encryption: nullableStr().describe('Normalized cipher from the algorithm'),
    integrity: nullableStr(),
    encrypt: nullableInt(),
    decrypt: nullableInt(),
  })
  .describe('Row of show crypto engine connections active')
export type EngineConnection = z.infer<typeof EngineConnection>

export const DroppedPackets = z
  .object({
    kind: z.literal('droppedPackets'),
    ...factBase,
    interface: nullableStr(),
    ipAddress: nullableStr(),
    dropCount: z.number().int(),
    reason: z.string().describe('Section header, e.g. "connection not established"'),
  })
  .describe('Row of show crypto engine connections dropped-packet')
export type DroppedPackets = z.infer<typeof DroppedPackets>

export const CryptoMap = z
  .object({
    kind: z.literal('cryptoMap'),
    ...factBase,
    name: z.string(),
    interfaces: z.array(z.string()).describe('Interfaces using the map (empty = not applied)'),
    entryCount: z.number().int(),
  })
  .describe('A crypto map as a whole (its entries are CryptoMapEntry facts)')
export type CryptoMap = z.infer<typeof CryptoMap>

export const CryptoMapEntry = z
  .object({
    kind: z.literal('cryptoMapEntry'),
    ...factBase,
    map: z.string(),
    seq: z.number().int(),
    type: nullableStr().describe('ipsec-isakmp, ipsec-manual, gdoi ...'),
    isTemplate: z.boolean().describe('True for a dynamic-map template (show crypto dynamic-map)'),
    dynamicTemplate: nullableStr().describe('"Dynamic map template tag" of a static map entry'),
    peers: z.array(z.string()),
    accessList: nullableStr(),
    aclEntries: z.array(z.string()).describe('access-list lines printed under the entry'),
    currentPeer: nullableStr(),
    lifetimeKb: nullableInt(),
    lifetimeSec: nullableInt(),
    pfs: nullableBool(),
    dhGroup: nullableInt(),
    transformSets: z.array(z.string()),
    transforms: z.array(z.string()).describe('Transform contents when the train prints them'),
    interfaces: z.array(z.string()).describe('Interfaces of the parent map'),
  })
  .describe('One entry (sequence) of a crypto map or dynamic-map template')
export type CryptoMapEntry = z.infer<typeof CryptoMapEntry>

export const Certificate = z
  .object({
    kind: z.literal('certificate'),
    ...factBase,
    subject: nullableStr(),
    issuer: nullableStr(),
    serial: nullableStr(),
    certId: nullableStr().describe('Junos database ID / IOS trustpoint-relative name'),
    role: z.enum(['ca', 'router', 'local', 'crl', 'unknown']),
    status: nullableStr().describe('IOS Status: Available / Pending ...'),
    flags: z.array(z.string()),
    trusted: nullableBool(),
    references: nullableInt(),
    validFrom: nullableStr().describe('ISO 8601'),
    validTo: nullableStr().describe('ISO 8601'),
    renewDate: nullableStr().describe('IOS renew date (auto-enrollment), ISO 8601'),
    trustpoints: z.array(z.string()),
    keySize: nullableInt(),
    signatureAlgorithm: nullableStr(),
    altNames: z.array(z.string()),
    node: z.string().nullable().describe('Chassis-cluster node when the output was split per node'),
  })
  .describe('A certificate (or CRL entry) in the device database')
export type Certificate = z.infer<typeof Certificate>

export const Redundancy = z
  .object({
    kind: z.literal('redundancy'),
    ...factBase,
    scope: z.enum(['interface', 'security-association']),
    name: nullableStr().describe('SA name for tunnel redundancy'),
    failureCounter: nullableInt(),
    primary: nullableStr().describe('Primary interface or remote IP'),
    primaryState: nullableStr().describe('active / standby / offline (lower-cased)'),
    backup: nullableStr(),
    backupState: nullableStr(),
  })
  .describe('Junos IPsec redundancy state (PIC or tunnel)')
export type Redundancy = z.infer<typeof Redundancy>

export const CaptureTime = z
  .object({
    kind: z.literal('captureTime'),
    ...factBase,
    time: z.string().describe('ISO 8601 instant the device reported'),
    timezone: nullableStr().describe('Zone name as printed (UTC, CET ...)'),
    assumedUtc: z.boolean().describe('True when the printed zone was not UTC/GMT and no offset was known'),
  })
  .describe('Time the capture was taken, from show clock / show system uptime')
export type CaptureTime = z.infer<typeof CaptureTime>

export const DeviceInfo = z
  .object({
    kind: z.literal('deviceInfo'),
    ...factBase,
    hostname: nullableStr().describe('Host name as printed ("r1-edge uptime is ...", "FW-DC01 up ...", "Hostname: srx1")'),
    model: nullableStr().describe('Model as printed (ISR4331/K9, CISCO2911/K9, ASA5516, srx340)'),
    platform: z
      .enum(['ios', 'ios-xe', 'asa', 'junos-srx', 'junos-mx'])
      .nullable()
      .describe('Platform the software line or the model names; null when neither tells'),
    version: nullableStr().describe('Software version as printed (17.06.05, 15.7(3)M5, 9.16(4), 21.4R3-S4.9)'),
    uptime: nullableStr().describe('Uptime as printed ("3 weeks, 2 days, 4 hours, 11 minutes", "52 days 3 hours")'),
    uptimeSeconds: nullableInt().describe('The uptime in seconds, to the precision printed (a year counted as 365 days); null when it cannot be read'),
    lastRestart: nullableStr().describe('Time of the last restart as printed ("07:38:02 CEST Tue Jun 18 2024")'),
    reloadReason: nullableStr().describe('Why the device last reloaded, as printed ("Reload Command", "power-on")'),
    imageFile: nullableStr().describe('Boot image file as printed ("bootflash:packages.conf", "disk0:/asa9-16-4-lfbff-k8.SPA")'),
    node: nullableStr().describe('Chassis-cluster node of a per-node section ("node0")'),
  })
  .describe('What a device says about itself in show version: name, model, software, uptime, last restart')
export type DeviceInfo = z.infer<typeof DeviceInfo>

export const ClusterStatus = z
  .object({
    kind: z.literal('clusterStatus'),
    ...factBase,
    clusterId: nullableInt(),
    redundancyGroup: nullableInt().describe('Null when a filter left the row without its "Redundancy group:" line'),
    failoverCount: nullableInt().describe('Failover count of the redundancy group'),
    node: z.string().describe('node0 / node1'),
    priority: nullableInt(),
    status: z
      .string()
      .describe('Lower-cased as printed: primary, secondary, secondary-hold, primary-preempt-hold, hold, lost, ineligible, disabled'),
    preempt: nullableBool(),
    manualFailover: nullableBool(),
    monitorFailures: z.array(z.string()).describe('Monitor failure codes (IF, CS, IP ...); empty for "None" or when not printed'),
  })
  .describe('One node of one redundancy group in Junos show chassis cluster status')
export type ClusterStatus = z.infer<typeof ClusterStatus>
