/**
 * Masked values in log and debug lines (shared/knowledge/field-captures.md section 5): a line whose
 * addresses an author masked ("x.x.x.x", "<peer-ip>", "[REDACTED]", ...) or whose SPI was masked
 * ("0xXXXXXXXX") is read as the clean line is: same family, message and event; the peer keeps the mask
 * as printed and the fact lists it in `masked`, as the show-output facts do. Two masks are two peers.
 */
import {describe, expect, it} from 'vitest'
import type {LogEvent, Vendor} from '../src/model/index.js'
import {isLogLine, readLog} from '../src/parsers/log/index.js'
import type {ParseContext} from '../src/parsers/types.js'
import {pastedLine} from '../src/reading/paste.js'
import {addressKind} from '../src/reading/address.js'
import {ADDRESS_OR_MASK, isMaskedSpi} from '../src/reading/address-pattern.js'

const PEER = '198.51.100.20'
const MASKS = ['x.x.x.x', 'X.X.X.X', 'a.b.c.d', '203.0.113.X', '10.x.x.1', '<peer-ip>', '<PEER_IP>', '[REDACTED]', 'y.y.y.y', 'xxx.xxx.xxx.xxx']

const ctx = (vendor: Vendor): ParseContext => ({file: 'log.txt', device: 'R1', vendor, command: 'show logging', args: [], pipe: null, node: null})
const read = (vendor: Vendor, ...text: string[]) => readLog(text.map((t, i) => pastedLine(i + 1, t)), ctx(vendor)).facts as LogEvent[]
const meaning = (e: LogEvent) => ({family: e.family, messageId: e.messageId, event: e.event, phase: e.phase})

/** Lines a family prints that name their peer, with `@P` where the peer is. */
const FAMILIES: Record<string, {vendor: Vendor; lines: string[]}> = {
  'IOS syslog': {vendor: 'cisco', lines: [
    'Mar 11 09:16:03.259: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from @P failed its sanity check or is malformed',
    'Mar 11 09:16:03.259: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at @P',
    'Mar 11 09:16:03.259: %CRYPTO-4-IKMP_NO_SA: IKE message from @P has no SA and is not an initialization offer',
    'Mar 11 09:16:03.259: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer @P:500 Id: @P',
    "Mar 11 09:16:03.259: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, spi=0x3C5F0A1B(1012861467), srcaddr=@P, input interface is GigabitEthernet0/0",
  ]},
  'IOS debug': {vendor: 'cisco', lines: [
    'Mar 11 09:16:03.259: ISAKMP:(0):No pre-shared key with @P!',
    'Mar 11 09:16:03.259: ISAKMP:(1001):phase 1 SA policy not acceptable! (local 192.0.2.1 remote @P)',
    'Mar 11 09:16:03.259: ISAKMP:(1001):SA has been authenticated with @P',
  ]},
  'ASA syslog': {vendor: 'cisco', lines: [
    'Jun 10 17:36:13 asa1 : %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x3C5F0A1B) from @P to 192.0.2.1 with an invalid SPI.',
    'Jun 10 17:36:13 asa1 : %ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x3C5F0A1B, sequence number= 0x5) from @P (user= @P) to 192.0.2.1 that failed anti-replay checking.',
    'Jun 10 17:36:13 asa1 : %ASA-4-402117: IPSEC: Received a non-IPsec (ESP) packet from @P to 192.0.2.1.',
    "Jun 10 17:36:13 asa1 : %ASA-5-713257: Group = @P, IP = @P, Phase 1 failure: Mismatched attribute types for class Encryption Alg: Rcv'd: AES-CBC Cfg'd: 3DES",
  ]},
  'ASA debug': {vendor: 'cisco', lines: [
    'Jun 10 17:36:13 [IKEv1]: IP = @P, Received encrypted packet with no matching SA, dropping',
  ]},
  'Junos kmd/iked': {vendor: 'junos', lines: [
    'Dec  7 10:02:11 srx1 kmd[1402]: IKE Phase-2: Negotiations failed. Local gateway: 192.0.2.1, Remote gateway: @P',
    'Dec  7 10:02:11 srx1 kmd[1402]: Unable to find phase-1 policy as remote peer:@P is not recognized.',
    'Dec  7 10:02:11 srx1 kmd[1402]: DPD detected peer @P is dead',
    'Dec  7 10:02:11 srx1 kmd[1402]: KMD_PM_SA_ESTABLISHED: Local gateway: 192.0.2.1, Remote gateway: @P, Local ID: ipv4_subnet(any:0,[0..7]=10.1.0.0/16), Remote ID: ipv4_subnet(any:0,[0..7]=10.2.0.0/16), Direction: inbound, SPI: 0x3c5f0a1b, AUX-SPI: 0, Mode: Tunnel, Type: dynamic',
  ]},
}

describe('masked addresses in log lines', () => {
  for (const [family, {vendor, lines}] of Object.entries(FAMILIES)) {
    for (const line of lines) {
      const id = line.replace(/^.*?(%[A-Z]+-\d-\w+|ISAKMP:\(\d+\)|\[IKEv1\]|kmd\[\d+\]): /, '$1 ').slice(0, 60)
      it(`${family}: ${id}... masked reads as clean`, () => {
        const [clean] = read(vendor, line.replaceAll('@P', PEER))
        expect(clean.event).not.toBe('unknown')
        expect(clean.peer).toBe(PEER)
        expect(clean.masked).toBeUndefined()
        for (const mask of MASKS) {
          const [masked] = read(vendor, line.replaceAll('@P', mask))
          expect({...meaning(masked), peer: masked.peer, masked: masked.masked}).toEqual({...meaning(clean), peer: mask, masked: ['peer']})
        }
      })
    }
  }

  it('two different masks are two peers, the same mask one', () => {
    const line = (p: string) => `Mar 11 09:16:03.259: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${p} failed its sanity check or is malformed`
    const facts = read('cisco', line('x.x.x.x'), line('y.y.y.y'), line('<peer-ip>'), line('x.x.x.x'))
    expect(facts.map((e) => [e.event, e.peer, e.count])).toEqual([
      ['psk-mismatch', 'x.x.x.x', 2], ['psk-mismatch', 'y.y.y.y', 1], ['psk-mismatch', '<peer-ip>', 1],
    ])
    expect(new Set(facts.map((e) => e.id)).size).toBe(3)
  })

  it('a masked local address is listed beside a masked peer', () => {
    const [e] = read('cisco', 'ISAKMP:(1001):phase 1 SA policy not acceptable! (local <local-ip> remote x.x.x.x)')
    expect([e.event, e.localAddress, e.peer, e.masked]).toEqual(['proposal-mismatch', '<local-ip>', 'x.x.x.x', ['peer', 'localAddress']])
  })

  it('a line that is no log message stays none when masked', () => {
    for (const mask of MASKS) {
      for (const text of [`${mask}   203.0.113.10    MM_KEY_EXCH       1092 ACTIVE`, `IKE message from ${mask} failed its sanity check, see below`, `peer ${mask} is down since this morning`]) {
        expect([text, isLogLine(text)]).toEqual([text, false])
      }
    }
  })

  it('the token takes addresses and masks, not other words', () => {
    const token = new RegExp(`^${ADDRESS_OR_MASK}$`)
    for (const t of [PEER, '2001:db8::1', ...MASKS]) expect([t, token.test(t), addressKind(t) !== null]).toEqual([t, true, true])
    for (const t of ['QM_IDLE', 'vpn.example.com', 'GigabitEthernet0/0', '1004']) expect([t, token.test(t)]).toEqual([t, false])
  })
})

describe('masked SPIs in log lines', () => {
  const SPI_LINES: Array<[Vendor, string]> = [
    ['cisco', "%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, spi=@S(0), srcaddr=198.51.100.20, input interface is GigabitEthernet0/0"],
    ['cisco', 'ISAKMP:(1001):Successfully installed IPSEC SA (SPI:@S) on GigabitEthernet0/0'],
    ['cisco', '%ASA-4-402114: IPSEC: Received an ESP packet (SPI= @S) from 198.51.100.20 to 192.0.2.1 with an invalid SPI.'],
    ['cisco', '%ASA-5-713049: Group = 198.51.100.20, IP = 198.51.100.20, Security negotiation complete for LAN-to-LAN Group (198.51.100.20)  Initiator, Inbound SPI = 0x11112222, Outbound SPI = @S'],
    ['junos', 'Dec  7 10:02:11 srx1 kmd[1402]: KMD_PM_SA_ESTABLISHED: Local gateway: 192.0.2.1, Remote gateway: 198.51.100.20, Local ID: ipv4_subnet(any:0,[0..7]=10.1.0.0/16), Remote ID: ipv4_subnet(any:0,[0..7]=10.2.0.0/16), Direction: inbound, SPI: @S, AUX-SPI: 0, Mode: Tunnel, Type: dynamic'],
  ]
  for (const [vendor, line] of SPI_LINES) {
    it(`${line.slice(0, 50)}...: the message read, the SPI masked`, () => {
      const [clean] = read(vendor, line.replace('@S', '0x3C5F0A1B'))
      expect(clean.spi).toBe('0x3C5F0A1B')
      expect(clean.masked).toBeUndefined()
      for (const spi of ['0xXXXXXXXX', '0xxxxxxxxx', '0x3C5FXXXX', 'XXXXXXXX', '<spi>']) {
        const [masked] = read(vendor, line.replace('@S', spi))
        expect({...meaning(masked), spi: masked.spi, masked: masked.masked}).toEqual({...meaning(clean), spi, masked: ['spi']})
      }
    })
  }

  it('a printed SPI is no mask', () => {
    expect(['0x3C5F0A1B', '0xXXXXXXXX', 'XXXXXXXX', '<spi>', '(null)'].map(isMaskedSpi)).toEqual([false, true, true, true, false])
  })
})
