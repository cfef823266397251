/**
 * Fact skeletons with every field set to "not printed" (null, empty, unknown), for all parsers of both
 * vendors: a parser creates one and fills what its output prints.
 */
import type {IkeSa, IpsecFlow, IpsecSa, RawValues} from '../model/index.js'
import {newRaw} from '../model/raw.js'
import {sourceOf, type ParseContext} from './types.js'

export function newIkeSa(ctx: ParseContext, id: string, start: number, end: number, raw: RawValues = newRaw()): IkeSa {
  return {
    kind: 'ikeSa', id, source: sourceOf(ctx, start, end), raw,
    version: null, localAddress: null, localPort: null, remoteAddress: null, remotePort: null,
    state: 'unknown', stateRaw: null, mode: null, role: null, connId: null, deleted: false, statusRaw: null,
    initiatorCookie: null, responderCookie: null, lifetimeRemainingSec: null, lifetimeSec: null,
    encryption: null, integrity: null, prf: null, dhGroup: null, authMethod: null, flags: [],
    ipsecSasCreated: null, ipsecSasDeleted: null, phase2InProgress: null, phase2Negotiations: [],
    inBytes: null, outBytes: null, inPackets: null, outPackets: null, natT: null, dpdEnabled: null,
    node: ctx.node,
  }
}

export function newIpsecFlow(ctx: ParseContext, id: string, start: number, end: number, raw: RawValues = newRaw()): IpsecFlow {
  return {
    kind: 'ipsecFlow', id, source: sourceOf(ctx, start, end), raw,
    name: null, interface: null, cryptoMap: null, localAddress: null, remoteAddress: null, remotePort: null,
    localIdent: null, remoteIdent: null, flags: [], transportParent: false, state: 'unknown', downReason: null,
    interfaceFamily: null, encaps: null, encrypt: null, digest: null, decaps: null, decrypt: null, verify: null,
    compressed: null, decompressed: null, notCompressed: null, compressFailed: null, decompressFailed: null,
    sendErrors: null, recvErrors: null, errorCounters: {}, pathMtu: null, mediaMtu: null, plaintextMtu: null,
    ipMtu: null, currentOutboundSpi: null, pfs: null, dhGroup: null, natT: null, saCount: 0, node: ctx.node,
  }
}

export function newIpsecSa(ctx: ParseContext, id: string, start: number, end: number, raw: RawValues = newRaw()): IpsecSa {
  return {
    kind: 'ipsecSa', id, source: sourceOf(ctx, start, end), raw,
    flowId: null, name: null, remoteAddress: null, direction: 'inbound', protocol: 'esp', spi: 0,
    transform: null, encryption: null, integrity: null, mode: null, type: null, state: 'unknown', connId: null,
    lifetimeRemainingKb: null, lifetimeRemainingSec: null, softLifetimeExpired: null,
    softLifetimeRemainingSec: null, hardLifetimeRemainingSec: null, antiReplay: null, replayWindow: null,
    ivSizeBytes: null, natT: null, node: ctx.node,
  }
}
