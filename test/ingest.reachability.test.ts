/**
 * A ping or traceroute typed between two captures (IOS, ASA, Junos forms) is decoration of a known
 * non-IPsec command: its lines are counted as ignored with one info note, and debug lines printed
 * during the test are still read as log lines. Before: "no parser for command ping" and its lines unparsed.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestFiles} from '../src/ingest/index.js'
import type {LogEvent} from '../src/model/index.js'

async function read(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ping-'))
  const file = join(dir, 'r2.txt')
  writeFileSync(file, `${text}\n`)
  return ingestFiles([file])
}

describe('ping and traceroute output', () => {
  it('IOS ping with debug lines in it: set aside, the debug read', async () => {
    const doc = await read(`R2#ping 10.5.5.1 source lo0
Type escape sequence to abort.
Sending 5, 100-byte ICMP Echos to 10.5.5.1, timeout is 2 seconds:
Packet sent with a source address of 10.2.2.1
*Mar  1 01:12:40.239: ISAKMP:(0): sending packet to 203.0.113.200 my_port 500 peer_port 500 (I) MM_NO_STATE
.....
Success rate is 0 percent (0/5)
R2#traceroute 10.5.5.1
Type escape sequence to abort.
Tracing the route to 10.5.5.1
VRF info: (vrf in name/id, vrf out name/id)
  1 10.0.12.2 4 msec 4 msec 4 msec
  2 10.0.23.3 [AS 65001] 8 msec *  4 msec
  3 * * *
R2#`)
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.diagnostics.filter((d) => d.level !== 'info')).toEqual([])
    expect(doc.diagnostics.filter((d) => d.message.includes('set aside')).length).toBe(2)
    expect((doc.facts.logEvent as LogEvent[]).map((e) => [e.source.startLine, e.peer, e.source.device])).toEqual([[5, '203.0.113.200', 'R2']])
  })

  it('ASA and Junos forms', async () => {
    const doc = await read(`asa-dc1# ping outside 198.51.100.77
Type escape sequence to abort.
Sending 5, 100-byte ICMP Echos to 198.51.100.77, timeout is 2 seconds:
?????
Success rate is 0 percent (0/5)
asa-dc1# 
lab@srx1> ping 10.5.5.1 count 3
PING 10.5.5.1 (10.5.5.1): 56 data bytes
64 bytes from 10.5.5.1: icmp_seq=0 ttl=64 time=1.234 ms
Request timeout for icmp_seq 1
64 bytes from 10.5.5.1: icmp_seq=2 ttl=64 time=0.988 ms

--- 10.5.5.1 ping statistics ---
3 packets transmitted, 2 packets received, 33% packet loss
round-trip min/avg/max/stddev = 0.988/1.111/1.234/0.123 ms

lab@srx1> traceroute 10.5.5.1
traceroute to 10.5.5.1 (10.5.5.1), 30 hops max, 52 byte packets
 1  10.0.0.1 (10.0.0.1)  1.123 ms  0.901 ms  0.842 ms
 2  * * *

lab@srx1> `)
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.diagnostics.filter((d) => d.level !== 'info')).toEqual([])
  })

  it('a show output pasted after the ping without its prompt is not hidden', async () => {
    const doc = await read(`R2#ping 10.5.5.1
Type escape sequence to abort.
Sending 5, 100-byte ICMP Echos to 10.5.5.1, timeout is 2 seconds:
!!!!!
Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms
interface: GigabitEthernet0/0
    Crypto map tag: CMAP, local addr 192.0.2.1`)
    expect(doc.summary.unparsedLines).toBe(2)
  })
})
