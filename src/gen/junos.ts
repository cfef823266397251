/**
 * Junos outputs of the legacy ES-PIC and MX statistics commands, in the layout of the reference
 * samples: show system uptime, show ike security-associations detail, show ipsec
 * security-associations detail and show services ipsec-vpn ike statistics. Each function returns
 * newline-terminated text; families.ts puts them together into captures.
 */
import type {Device, Tunnel} from './tunnels.js'

function isoUtc(time: Date): string {
  return time.toISOString().slice(0, 19).replace('T', ' ') + ' UTC'
}

/** "16w1d 01:15" style age used by show system uptime. */
function age(ms: number): string {
  const totalMin = Math.floor(ms / 60_000)
  const days = Math.floor(totalMin / 1440)
  const hh = String(Math.floor((totalMin % 1440) / 60)).padStart(2, '0')
  const mm = String(totalMin % 60).padStart(2, '0')
  const weeks = Math.floor(days / 7)
  const rest = days % 7
  return `${weeks > 0 ? `${weeks}w` : ''}${rest}d ${hh}:${mm}`
}

export function junosUptime(device: Device): string {
  const now = device.captureTime
  const up = now.getTime() - device.bootTime.getTime()
  const configured = new Date(now.getTime() - 3 * 86_400_000 - 7_200_000)
  const hour12 = ((now.getUTCHours() + 11) % 12) + 1
  const ampm = now.getUTCHours() < 12 ? 'AM' : 'PM'
  const upDays = Math.floor(up / 86_400_000)
  const upH = Math.floor((up % 86_400_000) / 3_600_000)
  const upM = String(Math.floor((up % 3_600_000) / 60_000)).padStart(2, '0')
  return [
    `Current time: ${isoUtc(now)}`,
    `System booted: ${isoUtc(device.bootTime)} (${age(up)} ago)`,
    `Protocols started: ${isoUtc(new Date(device.bootTime.getTime() + 120_000))} (${age(up - 120_000)} ago)`,
    `Last configured: ${isoUtc(configured)} (${age(now.getTime() - configured.getTime())} ago) by admin`,
    `${hour12}:${String(now.getUTCMinutes()).padStart(2, '0')}${ampm}  up ${upDays} days, ${upH}:${upM}, 1 user, load averages: 0.08, 0.05, 0.01`,
    '',
  ].join('\n') + '\n'
}

/** Junos ipsec SAs exist for every tunnel whose IKE SA matured. */
export function junosHasPhase2(t: Tunnel): boolean {
  return t.fault !== 'not-matured'
}

export function junosIkeDetail(t: Tunnel): string {
  const matured = t.fault !== 'not-matured'
  const lines = [
    `IKE peer ${t.peerAddress}`,
    `  Role: ${t.index % 2 === 0 ? 'Initiator' : 'Responder'}, State: ${matured ? 'Matured' : 'Not matured'}`,
    `  Initiator cookie: ${t.initiatorCookie}, Responder cookie: ${t.responderCookie}`,
    '  Exchange type: Main, Authentication method: Pre-shared-keys',
    `  Local: ${t.localAddress}:500, Remote: ${t.peerAddress}:500`,
    `  Lifetime: Expires in ${t.ikeLifetimeRemainingSec} seconds`,
    '  Algorithms:',
    '    Authentication      : sha1',
    '    Encryption          : 3des-cbc',
    '    Pseudo random function: hmac-sha1',
    '  Traffic statistics:',
    `    Input bytes   :  ${String(t.ikeInBytes).padStart(12)}`,
    `    Output bytes  :  ${String(t.ikeOutBytes).padStart(12)}`,
    `    Input packets:   ${String(t.ikeInPackets).padStart(12)}`,
    `    Output packets:  ${String(t.ikeOutPackets).padStart(12)}`,
    `  Flags: ${matured ? 'Caller notification sent' : 'Waiting for remove'}`,
    `  IPsec security associations: ${matured ? t.ipsecCreated : 0} created, ${matured ? t.ipsecDeleted : 0} deleted`,
    `  Phase 2 negotiations in progress: ${matured ? 0 : 1}`,
    '',
  ]
  return lines.join('\n') + '\n'
}

export function junosIpsecDetail(t: Tunnel): string {
  if (!junosHasPhase2(t)) return ''
  const family = t.fault === 'family-down' ? 'Down' : 'Up'
  const state = t.fault === 'not-installed' ? 'Not installed' : 'Installed'
  const soft = t.fault === 'soft-expired' ? 'Expired' : `Expires in ${Math.max(1, t.remainingSec - 540)} seconds`
  const sa = (direction: string, spi: number): string[] => [
    `Direction: ${direction}, SPI: ${spi}, AUX-SPI: 0, State: ${state}`,
    'Mode: tunnel, Type: dynamic',
    'Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc',
    `Soft lifetime: ${soft}`,
    `Hard lifetime: Expires in ${t.remainingSec} seconds`,
    'Anti-replay service: Enabled',
    '',
  ]
  return [`Security association: ${t.name}, Interface family: ${family}`, '', ...sa('inbound', t.inboundSpi), ...sa('outbound', t.outboundSpi)].join('\n') + '\n'
}

function stat(label: string, value: number | string, width = 58): string {
  const head = `   ${label}:`
  return head + String(value).padStart(Math.max(1, width - head.length))
}

export function junosIkeStatistics(t: Tunnel): string {
  return [
    `IKE peer ${t.peerAddress}`,
    `  Initiator cookie: ${t.initiatorCookie}, Responder cookie: ${t.responderCookie}`,
    `  Local: ${t.localAddress}, Remote: ${t.peerAddress}`,
    `  IPSec security associations: ${t.ipsecCreated} created, ${t.ipsecDeleted} deleted`,
    `  IPSec tunnel rekeys: ${t.rekeys}`,
    '  Traffic statistics:',
    stat('Input  bytes  ', t.ikeInBytes),
    stat('Output bytes  ', t.ikeOutBytes),
    stat('Input  packets', t.ikeInPackets),
    stat('Output packets', t.ikeOutPackets),
    '  Delete IPsec SA payload statistics:',
    stat('Delete IPsec SA payloads received', t.ipsecDeleted),
    stat('Delete IPsec SA payloads sent    ', 0),
    '  DPD statistics:',
    stat('R-U-THERE notifications received    ', 0),
    stat('R-U-THERE notifications sent        ', t.dpdSent),
    stat('R-U-THERE-ACK notifications received', t.dpdAcksReceived),
    stat('R-U-THERE-ACK notifications sent    ', 0),
    stat('R-U-THERE-ACK notifications missed  ', t.dpdAcksMissed),
    stat('Worst case R-U-THERE-ACK delay      ', `${t.dpdWorstDelayMs} msec`, 63),
    '  Invalid SPI notification statistics:',
    stat('Notifications received', 0),
    stat('Notifications sent    ', 0),
  ].join('\n') + '\n'
}
