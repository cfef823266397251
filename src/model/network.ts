/**
 * Interface and routing state engineers paste beside the VPN outputs: IOS/IOS-XE `show ip interface
 * brief`, ASA `show interface ip brief`, Junos `show interfaces terse` (interfaceStatus), and IOS/ASA
 * `show ip route` / `show route`, Junos `show route` (route).
 */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'

export const LinkState = z.enum(['up', 'down']).nullable()
export type LinkState = z.infer<typeof LinkState>

export const InterfaceAddress = z
  .object({
    address: z.string().describe('As printed, with its prefix when printed ("10.99.0.6/30"; IOS brief: "10.60.0.1"; a mask stays a mask)'),
    family: nullableStr().describe('Junos Proto column ("inet", "inet6"); null where the output prints none (IOS, ASA)'),
    remote: nullableStr().describe('Junos Remote column after "-->" ("0/0", "10.0.0.16"), or null'),
  })
  .describe('One address of an interface')
export type InterfaceAddress = z.infer<typeof InterfaceAddress>

export const InterfaceStatus = z
  .object({
    kind: z.literal('interfaceStatus'),
    ...factBase,
    name: z.string().describe('Interface name as printed ("GigabitEthernet0/0/1", "st0.0")'),
    adminStatus: LinkState.describe('Administrative state: Junos Admin column; IOS/ASA "administratively down" gives down, any other Status up; null when not printed'),
    linkStatus: LinkState.describe('Junos Link column, IOS/ASA Status column ("administratively down" is down); null when not printed'),
    protocolStatus: LinkState.describe('IOS/ASA Protocol column (line protocol); null on Junos'),
    addresses: z.array(InterfaceAddress).describe('Addresses as printed; [] for "unassigned" or none'),
    families: z.array(z.string()).describe('Junos address families of a unit, with or without an address ("inet", "inet6", "eth-switch"); [] elsewhere'),
    tunnel: z.boolean().describe('A tunnel interface: IOS Tunnel*, Virtual-Access*, Virtual-Template*; Junos st0*, es-*, ip-*, gr-*, ms-*, sp-*'),
  })
  .describe('Status of one interface (or Junos logical unit)')
export type InterfaceStatus = z.infer<typeof InterfaceStatus>

export const Route = z
  .object({
    kind: z.literal('route'),
    ...factBase,
    prefix: z.string().describe('Destination as a.b.c.d/len (ASA "10.60.0.0 255.255.255.0" gives 10.60.0.0/24); a masked address keeps its mask'),
    protocol: z.string().describe('Normalized lower-case word: static, connected, local, bgp, ospf, eigrp, rip, isis, vpn, aggregate, ...'),
    protocolRaw: z.string().describe('As printed: "S*", "O E2", "Static", "BGP"'),
    nextHop: nullableStr().describe('Next-hop address, or null when the route has none (directly connected, "via st0.0")'),
    interface: nullableStr().describe('Outgoing interface, or null'),
    active: nullableBool().describe('Junos: the route carries the "*" or "+" marker (active); null on Cisco'),
    selected: nullableBool().describe('Junos: this next hop is the selected one (">"); null on Cisco or without next hop'),
    preference: nullableInt().describe('Junos preference ([Static/5]) or Cisco administrative distance ([1/0])'),
    metric: nullableInt().describe('Cisco metric ([110/20]) or Junos "metric N"; null when not printed'),
    table: nullableStr().describe('Junos routing table ("inet.0") or Cisco "Routing Table: X"; null when not printed'),
  })
  .describe('One route and one of its next hops (a route with several next hops gives one fact per next hop)')
export type Route = z.infer<typeof Route>
