/**
 * Output of a reachability test typed between two captures (ping, traceroute, both vendors' forms):
 * not IPsec state, so it is set aside, counted as ignored, with one info note per output. Console
 * messages printed during the test (debug crypto left on) were set aside by the splitter and are read
 * as log lines of the device as in any other output. A line that is none of the test's own lines (a
 * show output pasted after it without its prompt) stays unparsed.
 */
import type {Block, Diagnostic, UnparsedLine} from '../model/index.js'
import {isProseLine} from '../reading/prose.js'
import {splitPipe} from './commands.js'
import type {RawBlock} from './split.js'

// "ping 10.5.5.1 source lo0", "ping vrf RED 10.1.1.1", "ping 10.1.1.1 rapid count 5", "ping6 2001:db8::1",
// "traceroute 10.5.5.1", "traceroute6 ...", "trace 10.5.5.1", "tracert 10.5.5.1"
const REACHABILITY_COMMAND = /^(?:ping6?|traceroute6?|trace|tracert)(?:\s|$)/i

/** True when the typed command is a ping or traceroute. */
export function isReachabilityCommand(typed: string): boolean {
  return REACHABILITY_COMMAND.test(splitPipe(typed).command)
}

/** Lines a ping or traceroute prints, IOS / ASA first, then Junos. */
const REACHABILITY_LINES: RegExp[] = [
  // "Type escape sequence to abort."
  /^Type escape sequence to abort\.$/,
  // "Sending 5, 100-byte ICMP Echos to 10.5.5.1, timeout is 2 seconds:"
  /^Sending \d+, \d+-byte ICMP Echos? to \S+, timeout is \d+ seconds?:$/,
  // "Packet sent with a source address of 10.2.2.1", "... of 10.2.2.1 (VRF RED)"
  /^Packet sent with a source address of \S+(?: \(VRF \S+\))?$/,
  // "!!!!!", ".....", "U.U.U", "?????" (ASA), "!!!!!" with a trailing space
  /^[!.UQMA?&C]+$/,
  // "Success rate is 0 percent (0/5)", "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms"
  /^Success rate is \d+ percent \(\d+\/\d+\)(?:, round-trip min\/avg\/max = [\d/]+ ms)?$/,
  // "Tracing the route to 10.5.5.1", "Tracing the route to r5.example.net (10.5.5.1)"
  /^Tracing the route to \S+(?: \(\S+\))?$/,
  // "VRF info: (vrf in name/id, vrf out name/id)"
  /^VRF info: \(vrf in name\/id, vrf out name\/id\)$/,
  // hops: "1 10.0.12.2 4 msec 4 msec 4 msec", "2 * * *", "3 10.0.23.3 [AS 65001] 8 msec * 4 msec",
  // "2 10.0.0.9 [MPLS: Label 16 Exp 0] 12 msec", "1  10.0.0.1 (10.0.0.1)  1.123 ms  0.901 ms  0.842 ms", "4  * * *"
  // (the times are separated by blanks, never run together: one way to read each line, no backtracking blow-up)
  /^\d{1,2} +(?:[\w.:-]+ +(?:\([\w.:]+\) +)?(?:\[[^\]]*\] +)*)?(?:\d+(?:\.\d+)? m?s(?:ec)?|\*)(?: +!\w+)?(?: +(?:\d+(?:\.\d+)? m?s(?:ec)?|\*)(?: +!\w+)?)*$/,
  // "PING 10.5.5.1 (10.5.5.1): 56 data bytes"
  /^PING6? \S+ \(\S+\): \d+ data bytes$/,
  // "64 bytes from 10.5.5.1: icmp_seq=0 ttl=64 time=1.234 ms"
  /^\d+ bytes from \S+: icmp_seq=\d+ (?:ttl|hlim)=\d+ time=[\d.]+ ms$/,
  // "Request timeout for icmp_seq 0"
  /^Request timeout for icmp_seq \d+$/,
  // "--- 10.5.5.1 ping statistics ---"
  /^--- \S+ ping6? statistics ---$/,
  // "5 packets transmitted, 0 packets received, 100% packet loss"
  /^\d+ packets transmitted, \d+ packets received, (?:\+\d+ duplicates, )?[\d.]+% packet loss$/,
  // "round-trip min/avg/max/stddev = 0.912/1.034/1.210/0.101 ms"
  /^round-trip min\/avg\/max(?:\/stddev)? = [\d./]+ ms$/,
  // "traceroute to 10.5.5.1 (10.5.5.1), 30 hops max, 52 byte packets", "traceroute6 to ..., 64 hops max, 12 byte packets"
  /^traceroute6? to \S+ \(\S+\)(?: from \S+)?, \d+ hops max, \d+ byte packets$/,
]

export function isReachabilityLine(text: string): boolean {
  const t = text.trim().replace(/\s+/g, ' ')
  return REACHABILITY_LINES.some((re) => re.test(t))
}

/** The block of a ping or traceroute: its lines ignored, other lines unparsed, one info note. */
export function reachabilityBlock(raw: RawBlock, base: Omit<Block, 'vendor' | 'command' | 'detectedBy' | 'parser' | 'node' | 'facts' | 'consumedLines' | 'ignoredLines' | 'unparsed' | 'warnings'>, vendor: Block['vendor']): {block: Block; diagnostics: Diagnostic[]} {
  const file = base.file
  const typed = splitPipe(raw.typed ?? '').command
  const unparsed: UnparsedLine[] = []
  for (const l of raw.body) {
    if (l.text.trim() === '' || isReachabilityLine(l.text) || isProseLine(l.text, l.original ?? l.text)) continue
    unparsed.push({line: l.n, text: l.text, reason: `not a line of "${typed}"`})
  }
  const diagnostics: Diagnostic[] = [{level: 'info', file, line: raw.startLine, message: `${file}:${raw.startLine}: output of "${typed}" set aside (a reachability test, not IPsec state)`}]
  if (unparsed.length > 0) {
    diagnostics.push({level: 'warning', file, line: unparsed[0].line, message: `not a line of "${typed}": ${unparsed.length} line(s) at ${file}:${unparsed[0].line}-${unparsed[unparsed.length - 1].line} not parsed`})
  }
  const block: Block = {...base, vendor, command: null, detectedBy: 'prompt', parser: null, node: null, facts: 0, consumedLines: raw.consumed, ignoredLines: raw.ignored + raw.body.length - unparsed.length, unparsed, warnings: []}
  return {block, diagnostics}
}
