/**
 * Route and interface state captured beside the VPN outputs (`show ip route`, `show route`,
 * `show ip interface brief`, `show interfaces terse`) names the first cause of a finding when it
 * explains it, with the line that shows it:
 *  - the route to a flow's remote network leaves by another interface than the flow's own (the crypto
 *    map's interface, the tunnel's st0 or Tunnel interface): that traffic never reaches the tunnel
 *    (conditions.md, ipsec-zero-encaps cause 3). A connected route there is an overlapping subnet;
 *  - the route to the peer's own address goes into a tunnel interface: IKE is sent into the tunnel it
 *    is to build (recursive routing);
 *  - the flow's interface, or the one holding the local crypto address, is down or shut down. A tunnel
 *    interface counts only when shut down: its line protocol follows the SA, it does not cause it;
 *  - a NAT translation (`show ip nat translations`) changes a local address of the flow, for traffic
 *    to its remote network, to an address outside the local selector: the translated packet no longer
 *    matches the crypto ACL and leaves unencrypted (the NAT exemption is missing). ASA `show xlate`
 *    prints no destination, so its translations name nothing here.
 */
import type {Evidence, Fact, InterfaceStatus, IpsecFlow, NatTranslation, Route, TrafficSelector} from '../model/index.js'
import {rawGet} from '../model/raw.js'
import {isTunnelInterface, sameInterface} from '../reading/interface-name.js'
import type {DeviceFacts} from './device-index.js'
import type {RankedFinding} from './grouping.js'
import {contains, type Prefix, prefixOf} from './prefixes.js'

/** Findings of traffic that does not reach the tunnel: a route elsewhere explains them. */
const TRAFFIC_RULES = /^(?:ipsec-zero-encaps|ipsec-no-traffic|delta-no-traffic|ipsec-phase2-not-established|ipsec-flow-phase2-missing)$/
/** Findings of a tunnel that does not come up or stays silent: a down interface or recursive routing explains them. */
const FAILURE_RULES =
  /^(?:ike-(?:stuck-|no-|negotiation-failed|not-matured|down|one-way|ikev2-timeouts)|dpd-(?:ack-missed|peer-dead|inactive)|session-(?:down|l2l-down)|ipsec-(?:phase2-not-established|flow-phase2-missing|inactive-tunnel|zero-encaps|zero-decaps|no-traffic|tunnel-failure-events)|delta-(?:ike-state-stuck|phase2-stuck|no-traffic|one-way-traffic))/

interface Network {
  routes: Array<{route: Route; prefix: Prefix}>
  interfaces: InterfaceStatus[]
  nats: NatTranslation[]
  facts: Map<string, Fact>
}

function networkOf(facts: DeviceFacts): Network | null {
  const routes: Network['routes'] = []
  // Junos prints inactive routes and unselected next hops beside the ones in use
  for (const route of facts.route ?? []) {
    const prefix = route.active === false || route.selected === false ? null : prefixOf(route.prefix)
    if (prefix) routes.push({route, prefix})
  }
  const interfaces = facts.interfaceStatus ?? []
  const nats = facts.natTranslation ?? []
  if (routes.length === 0 && interfaces.length === 0 && nats.length === 0) return null
  const byId = new Map<string, Fact>()
  for (const kind of ['ipsecFlow', 'ipsecSa', 'ikeSa', 'cryptoSession'] as const) for (const f of facts[kind] ?? []) byId.set(f.id, f)
  return {routes, interfaces, nats, facts: byId}
}

/** The longest captured route that holds `address`. */
function routeTo(net: Network, address: Prefix): Route | null {
  let best: {route: Route; prefix: Prefix} | null = null
  for (const r of net.routes) if (contains(r.prefix, address) && (best === null || r.prefix.bits > best.prefix.bits)) best = r
  return best?.route ?? null
}

function routeEvidence(route: Route): Evidence {
  const line = rawGet(route.raw, 'Destination')?.line ?? route.source.startLine
  return {file: route.source.file, line, field: 'route', value: routeText(route)}
}

function routeText(route: Route): string {
  const via = [route.nextHop, route.interface].filter((x) => x !== null).join(', ')
  return `${route.prefix} (${route.protocolRaw})${via ? ` via ${via}` : ''}`
}

function interfaceNamed(net: Network, name: string): InterfaceStatus | null {
  return net.interfaces.find((i) => sameInterface(i.name, name)) ?? null
}

function isTunnel(net: Network, name: string, vendor: Fact['source']['vendor']): boolean {
  return interfaceNamed(net, name)?.tunnel ?? isTunnelInterface(name, vendor)
}

/** "administratively down", "down", or null when the interface is up (or its state is not printed). */
function downState(i: InterfaceStatus): string | null {
  if (i.adminStatus === 'down') return 'administratively down'
  if (i.tunnel) return null
  if (i.linkStatus === 'down') return 'down'
  return i.protocolStatus === 'down' ? 'up, line protocol down' : null
}

function interfaceEvidence(i: InterfaceStatus, state: string): Evidence {
  return {file: i.source.file, line: i.source.startLine, field: 'interface', value: `${i.name} ${state}`}
}

/** The flow a finding is about: its entity, the flow of its SA, or the device's one flow (SRX statistics are per device). */
function flowOf(net: Network, f: RankedFinding['finding']): IpsecFlow | null {
  if (f.entity.kind === 'ipsecStats') {
    const flows = [...net.facts.values()].filter((x): x is IpsecFlow => x.kind === 'ipsecFlow' && !x.transportParent)
    return flows.length === 1 ? flows[0] : null
  }
  const fact = net.facts.get(f.entity.id)
  if (fact?.kind === 'ipsecFlow') return fact
  if (fact?.kind === 'ipsecSa' && fact.flowId !== null) {
    const flow = net.facts.get(fact.flowId)
    return flow?.kind === 'ipsecFlow' ? flow : null
  }
  return null
}

function localAddressOf(net: Network, f: RankedFinding['finding']): string | null {
  const fact = net.facts.get(f.entity.id)
  return fact && 'localAddress' in fact ? fact.localAddress : null
}

interface Cause {
  text: string
  evidence: Evidence
}

/** A flow's selector as a prefix; null when it is not an IPv4 network with a length. */
function selectorPrefix(sel: TrafficSelector | null): Prefix | null {
  return sel === null || sel.prefixLength === null ? null : prefixOf(`${sel.address}/${sel.prefixLength}`)
}

/** The route to the flow's remote network leaves by another interface than the flow's own. */
function routeElsewhere(net: Network, flow: IpsecFlow): Cause | null {
  const remote = flow.remoteIdent
  if (flow.interface === null || remote === null || remote.prefixLength === 0) return null
  const network = selectorPrefix(remote)
  const route = network ? routeTo(net, network) : null
  if (route === null || route.interface === null || sameInterface(route.interface, flow.interface)) return null
  const own = isTunnel(net, flow.interface, flow.source.vendor) ? 'the tunnel interface' : "the crypto map's interface"
  const overlap = route.protocol === 'connected' ? ' (the remote network overlaps a local one)' : ''
  return {
    text: `The route to the remote network ${remote.address}/${remote.prefixLength} is ${routeText(route)}${overlap}: that traffic leaves by ${route.interface}, not by ${flow.interface}, ${own}, so it never enters the tunnel`,
    evidence: routeEvidence(route),
  }
}

/** The route to the peer's address goes into a tunnel interface. */
function recursiveRoute(net: Network, peer: string, vendor: Fact['source']['vendor']): Cause | null {
  const address = prefixOf(peer)
  const route = address && address.bits === 32 ? routeTo(net, address) : null
  if (route === null || route.interface === null || !isTunnel(net, route.interface, vendor)) return null
  return {
    text: `The route to the peer ${peer} is ${routeText(route)}, a tunnel interface: IKE packets to the peer are sent into the tunnel they are to build (recursive routing)`,
    evidence: routeEvidence(route),
  }
}

/** The flow's interface, or the interface holding the local crypto address, is down. */
function interfaceDown(net: Network, flow: IpsecFlow | null, local: string | null): Cause | null {
  const named = flow?.interface ? interfaceNamed(net, flow.interface) : null
  const holding = local === null ? null : (net.interfaces.find((i) => i.addresses.some((a) => a.address === local || a.address.startsWith(`${local}/`))) ?? null)
  for (const i of [named, holding]) {
    const state = i ? downState(i) : null
    if (i && state) return {text: `${i.name}${i !== named && local ? `, which holds the local address ${local},` : ''} is ${state}: nothing is sent or received on it`, evidence: interfaceEvidence(i, state)}
  }
  return null
}

/** `address` (an address or a network as printed) lies inside `within`. */
function inside(within: Prefix, address: string | null): boolean {
  const p = address === null ? null : prefixOf(address)
  return p !== null && contains(within, p)
}

/**
 * A translation of a local address of the flow, for traffic to its remote network, to an address
 * outside the local selector: the packet the crypto ACL sees is no longer the flow's (no NAT exemption).
 */
function natWithoutExemption(net: Network, flow: IpsecFlow): Cause | null {
  const local = selectorPrefix(flow.localIdent)
  const remote = selectorPrefix(flow.remoteIdent)
  if (local === null || remote === null) return null
  for (const nat of net.nats) {
    const outside = [nat.outsideGlobal, nat.outsideLocal].find((a) => inside(remote, a)) ?? null
    if (outside === null || nat.insideLocal === null || nat.insideGlobal === null || !inside(local, nat.insideLocal)) continue
    // an identity translation, or one to another address the selector still holds, changes nothing the ACL sees
    if (nat.insideGlobal === nat.insideLocal || inside(local, nat.insideGlobal)) continue
    return {
      text: `NAT translates ${nat.insideLocal} to ${nat.insideGlobal} for traffic to ${outside}: the translated packet no longer matches the crypto ACL, so it is not encrypted (missing NAT exemption)`,
      evidence: {file: nat.source.file, line: nat.source.startLine, field: 'natTranslation', value: nat.raw.values.join(' ')},
    }
  }
  return null
}

/** Puts the route, interface or NAT state that explains a finding first among its causes, with its line as evidence. */
export function applyNetworkEvidence(ranked: RankedFinding[], deviceFacts: Map<string, DeviceFacts>): void {
  const networks = new Map<string, Network | null>()
  for (const item of ranked) {
    const f = item.finding
    const traffic = TRAFFIC_RULES.test(f.ruleId)
    if (!traffic && !FAILURE_RULES.test(f.ruleId)) continue
    if (!networks.has(f.device)) {
      const facts = deviceFacts.get(f.device)
      networks.set(f.device, facts ? networkOf(facts) : null)
    }
    const net = networks.get(f.device)
    if (!net) continue
    const flow = flowOf(net, f)
    const peer = item.peer ?? flow?.remoteAddress ?? null
    const found: Cause[] = []
    const down = FAILURE_RULES.test(f.ruleId) ? interfaceDown(net, flow, flow?.localAddress ?? localAddressOf(net, f)) : null
    if (down) found.push(down)
    const recursive = peer !== null && FAILURE_RULES.test(f.ruleId) ? recursiveRoute(net, peer, f.vendor) : null
    if (recursive) found.push(recursive)
    const elsewhere = traffic && flow ? routeElsewhere(net, flow) : null
    if (elsewhere) found.push(elsewhere)
    const nat = traffic && flow ? natWithoutExemption(net, flow) : null
    if (nat) found.push(nat)
    if (found.length === 0) continue
    const texts = found.map((c) => c.text)
    f.causes = [...texts, ...f.causes.filter((c) => !texts.includes(c))]
    f.evidence = [...f.evidence, ...found.map((c) => c.evidence)]
  }
}
