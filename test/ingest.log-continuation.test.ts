/**
 * Multi-line log messages set aside from a show output: a console message (IOS-XE IKEv2 debug, IOS
 * ISAKMP debug) pasted inside a show output, or after an author's sentence, keeps the lines that
 * continue it (the IKEv2 packet dump, the second line of a notify) with it, indented or not. Before,
 * those lines were unparsed lines of the show output and the notify they carried was lost.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestFiles} from '../src/ingest/index.js'
import type {LogEvent} from '../src/model/index.js'

async function read(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'continuation-'))
  const file = join(dir, 'br7.txt')
  writeFileSync(file, `${text}\n`)
  return ingestFiles([file])
}

const SESSION = `br7-rtr#show crypto session
Crypto session current status

Interface: Tunnel10
Profile: IKEV2-PROF
Session status: DOWN-NEGOTIATING
Peer: 198.51.100.7 port 500
  IKEv2 SA: local 192.0.2.70/500 remote 198.51.100.7/500 Inactive
  IPSEC FLOW: permit 47 host 192.0.2.70 host 198.51.100.7
        Active SAs: 0, origin: crypto map
`

const IKEV2_DEBUG = `Dec  2 09:14:03.118 UTC: IKEv2:(SESSION ID = 4,SA ID = 1):Sending Packet [To 198.51.100.7:500/From 192.0.2.70:500/VRF i0:f0]
Initiator SPI : 1A2B3C4D5E6F7081 - Responder SPI : 90A1B2C3D4E5F607 Message id: 1
IKEv2 IKE_AUTH Exchange REQUEST
Payload contents:
 VID IDi AUTH SA TSi TSr NOTIFY(INITIAL_CONTACT) NOTIFY(SET_WINDOW_SIZE)

Dec  2 09:14:03.161 UTC: IKEv2:(SESSION ID = 4,SA ID = 1):Received Packet [From 198.51.100.7:500/To 192.0.2.70:500/VRF i0:f0]
Initiator SPI : 1A2B3C4D5E6F7081 - Responder SPI : 90A1B2C3D4E5F607 Message id: 1
IKEv2 IKE_AUTH Exchange RESPONSE
Payload contents:
NOTIFY(AUTHENTICATION_FAILED)

Dec  2 09:14:03.162 UTC: IKEv2:(SESSION ID = 4,SA ID = 1):Deleting SA`

describe('continuation lines of a console message set aside from a show output', () => {
  it('an IKEv2 packet dump after an author sentence inside show crypto session: one message, its notify read', async () => {
    const doc = await read(`${SESSION}\ndebug crypto ikev2 from the branch:\n\n${IKEV2_DEBUG}`)
    expect(doc.summary.unparsedLines).toBe(0)
    const events = doc.facts.logEvent as LogEvent[]
    const received = events.find((e) => e.source.startLine === 20)!
    // the payload list pasted without its indentation is still the packet's
    expect(received).toMatchObject({event: 'auth-failed', peer: '198.51.100.7', source: {endLine: 24, device: 'br7-rtr'}})
    expect(events.find((e) => e.source.startLine === 14)!.source.endLine).toBe(18)
  })

  it('the second line of an ISAKMP notify (indented or not) is joined to it', async () => {
    for (const indent of ['        ', '']) {
      const doc = await read(`${SESSION}Dec  2 09:20:44.344: ISAKMP: (2011):processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3
${indent}spi 2830152093, message ID = 2407719533, sa = 0x7F1C2A55D0E8
Dec  2 09:20:44.345: ISAKMP: (2011):deleting node 1843302117 error TRUE reason "Delete Larval"`)
      expect(doc.summary.unparsedLines).toBe(0)
      const notify = (doc.facts.logEvent as LogEvent[]).find((e) => e.source.startLine === 11)!
      expect(notify).toMatchObject({event: 'phase2-rejected', source: {endLine: 12}})
      expect(notify.text).toContain('spi 2830152093')
    }
  })

  it('in a headless paste started by an author sentence', async () => {
    const doc = await read(`IKE_AUTH never completes, debug below (peer is the hub):\n${IKEV2_DEBUG}`)
    expect(doc.summary.unparsedLines).toBe(0)
    const failed = (doc.facts.logEvent as LogEvent[]).filter((e) => e.event === 'auth-failed')
    expect(failed.map((e) => [e.source.startLine, e.source.endLine, e.peer])).toEqual([[8, 12, '198.51.100.7']])
  })

  it('an indented show output line after a console message stays show output', async () => {
    const doc = await read(`R1#show crypto ipsec sa

interface: GigabitEthernet0/0
    Crypto map tag: CMAP, local addr 192.0.2.1

   protected vrf: (none)
   local  ident (addr/mask/prot/port): (10.1.1.0/255.255.255.0/0/0)
   remote ident (addr/mask/prot/port): (10.2.2.0/255.255.255.0/0/0)
   current_peer 198.51.100.2 port 500
*Dec  2 09:20:44.344: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, spi=0x1A2B3C4D(439041101), srcaddr=198.51.100.2, input interface=GigabitEthernet0/0
    #pkts encaps: 120, #pkts encrypt: 120, #pkts digest: 120
    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0`)
    expect(doc.summary.unparsedLines).toBe(0)
    const events = doc.facts.logEvent as LogEvent[]
    expect(events.map((e) => [e.source.startLine, e.source.endLine, e.event])).toEqual([[10, 10, 'invalid-spi']])
    expect(doc.facts.ipsecFlow[0]).toMatchObject({encaps: 120, decaps: 0})
  })
})
