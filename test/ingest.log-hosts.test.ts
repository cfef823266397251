/**
 * Syslog / SIEM exports pasted after the author's text (no command before them): each line's host
 * field names the device that sent it. A relay that writes the host as an IP on some lines and a name
 * on others is one device when its messages are the messages of a device a prompt named (same sequence
 * number, device time and text). Before, the lines were console messages of the file (a device named
 * after the file), and the findings appeared twice.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestFiles} from '../src/ingest/index.js'
import type {LogEvent} from '../src/model/index.js'

async function devicesOf(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hosts-'))
  const file = join(dir, 'ticket-4411.txt')
  writeFileSync(file, `${text}\n`)
  const doc = await ingestFiles([file])
  return (doc.facts.logEvent as LogEvent[]).map((e) => [e.source.startLine, e.source.device])
}

const RELAY = `Our syslog server has this for the core router (the relay writes the source IP, later the name):

Dec  3 06:10:05 10.20.0.1 5210: Dec  3 06:10:04.771 UTC: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.40 failed its sanity check or is malformed
Dec  3 06:10:05 10.20.0.1 5211: Dec  3 06:10:04.902 UTC: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 198.51.100.40
Dec  3 06:11:07 core-rtr-2 5216: Dec  3 06:11:06.880 UTC: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.40 failed its sanity check or is malformed
`

describe('log exports led by the author\'s text', () => {
  it('a relay writing the host as IP and as name: one device, the one the prompt names, when the messages match', async () => {
    const got = await devicesOf(`${RELAY}
and on the box:

core-rtr-2#show logging | include CRYPTO
005210: Dec  3 06:10:04.771 UTC: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.40 failed its sanity check or is malformed
005211: Dec  3 06:10:04.902 UTC: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 198.51.100.40`)
    expect(new Set(got.map((g) => g[1]))).toEqual(new Set(['core-rtr-2']))
  })

  it('without the device log, each host is its own device (nothing tells the IP is the name), never the file', async () => {
    const got = await devicesOf(RELAY)
    expect(got).toEqual([[3, '10.20.0.1'], [4, '10.20.0.1'], [5, 'core-rtr-2']])
  })

  it('a host whose sequence numbers carry other messages than the device\'s stays apart', async () => {
    const got = await devicesOf(`${RELAY}
core-rtr-2#show logging | include CRYPTO
005210: Dec  3 06:10:04.771 UTC: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.40 failed its sanity check or is malformed
005211: Dec  3 06:10:04.902 UTC: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is OFF`)
    expect(got.filter((g) => g[0] === 3 || g[0] === 4).map((g) => g[1])).toEqual(['10.20.0.1', '10.20.0.1'])
  })

  it('a SIEM export of one host: every line is that host\'s, those without a host field too', async () => {
    const got = await devicesOf(`Exported from the SIEM: host=fw-dc1 "198.51.100.77"

2026-12-02T23:47:10.512Z fw-dc1 : %ASA-3-713123: Group = 198.51.100.77, IP = 198.51.100.77, IKE lost contact with remote peer, deleting connection (keepalive type: DPD)
<166>Dec 02 2026 23:47:31: %ASA-5-713041: IKE Initiator: New Phase 1, Intf outside, IKE Peer 198.51.100.77  local Proxy Address 10.20.0.0, remote Proxy Address 10.88.0.0,  Crypto map (outside_map)
2026-12-03T00:31:12.880Z fw-dc1 : %ASA-5-713119: Group = 198.51.100.77, IP = 198.51.100.77, PHASE 1 COMPLETED`)
    expect(got).toEqual([[3, 'fw-dc1'], [4, 'fw-dc1'], [5, 'fw-dc1']])
  })

  it('console messages inside a prompt\'s output stay that device\'s', async () => {
    const got = await devicesOf(`R7#show crypto isakmp sa
IPv4 Crypto ISAKMP SA
dst             src             state          conn-id status
198.51.100.40   192.0.2.7       MM_NO_STATE       1001 ACTIVE
Dec  3 06:10:05 relay-host 5210: Dec  3 06:10:04.771 UTC: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 198.51.100.40`)
    expect(got).toEqual([[5, 'R7']])
  })
})
