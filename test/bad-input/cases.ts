/**
 * The bad-input corpus: each file in this directory with the outcome expected from
 * `ipsec-doctor parse <file>` (and from ingestFiles). Exit codes: 0 ok, 1 unparsed lines under
 * --strict, 2 unusable input. Diagnostic patterns must each match one diagnostic of that level;
 * `{file}` stands for the path as given.
 */
import type {FactKind} from '../../src/model/index.js'

export interface ExpectedDiagnostic {
  level: 'error' | 'warning' | 'info'
  /** Regular expression source; "{file}" is replaced by the escaped input path. */
  pattern: string
}

export interface BadInputCase {
  file: string
  what: string
  /** Lines the reader must count (LF, CRLF and lone CR each end a line). */
  lines: number
  exitCode: number
  strictExitCode: number
  diagnostics: ExpectedDiagnostic[]
  /** Exact fact counts by kind (kinds not listed: any count). */
  facts: Partial<Record<FactKind, number>>
  /** device/vendor pairs, in order. */
  devices: string[]
  /** Unparsed line numbers, exactly. */
  unparsedLines: number[]
}

export const CASES: BadInputCase[] = [
  {
    file: 'empty.txt',
    what: 'an empty file',
    lines: 0,
    exitCode: 2,
    strictExitCode: 2,
    diagnostics: [{level: 'error', pattern: '{file}: empty capture'}],
    facts: {ikeSa: 0},
    devices: [],
    unparsedLines: [],
  },
  {
    file: 'whitespace.txt',
    what: 'only spaces, tabs and blank lines',
    lines: 4,
    exitCode: 2,
    strictExitCode: 2,
    diagnostics: [{level: 'error', pattern: '{file}: empty capture'}],
    facts: {ikeSa: 0},
    devices: [],
    unparsedLines: [],
  },
  {
    file: 'binary.bin',
    what: 'binary data (gzip header, random bytes, NULs)',
    lines: 0,
    exitCode: 2,
    strictExitCode: 2,
    diagnostics: [{level: 'error', pattern: '{file}: binary data'}],
    facts: {ikeSa: 0},
    devices: [],
    unparsedLines: [],
  },
  {
    file: 'invalid-utf8.txt',
    what: 'a line with bytes that are not UTF-8 inside a valid block',
    lines: 6,
    exitCode: 0,
    strictExitCode: 1,
    diagnostics: [{level: 'warning', pattern: '{file}:5: invalid UTF-8'}],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [5],
  },
  {
    file: 'bom.txt',
    what: 'a UTF-8 byte order mark before the first prompt',
    lines: 5,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'crlf.txt',
    what: 'Windows line ends (CRLF)',
    lines: 5,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'lone-cr.txt',
    what: 'old Mac line ends (CR only)',
    lines: 5,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'long-line.txt',
    what: 'a 20,000-character line in the middle of a table',
    lines: 7,
    exitCode: 0,
    strictExitCode: 1,
    diagnostics: [{level: 'warning', pattern: '{file}:5: line of 20\\d{3} characters skipped'}],
    facts: {ikeSa: 3},
    devices: ['R1/cisco'],
    unparsedLines: [5],
  },
  {
    file: 'truncated-sa.txt',
    what: 'show crypto ipsec sa cut off in the middle of an inbound SA',
    lines: 24,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ipsecFlow: 1, ipsecSa: 1},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'duplicate-command.txt',
    what: 'the same command twice (the later output wins, the earlier is reported)',
    lines: 9,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [{level: 'warning', pattern: '{file}:1: "show crypto isakmp sa" for R1 appears again at {file}:5'}],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'mixed-vendors.txt',
    what: 'a Cisco and a Junos device in one file',
    lines: 10,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 3},
    devices: ['R1/cisco', 'srx1/junos'],
    unparsedLines: [],
  },
  {
    file: 'prompt-no-command.txt',
    what: 'prompts with no command before and after the output',
    lines: 10,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'unknown-command.txt',
    what: 'a command no parser knows (show inventory)',
    lines: 5,
    exitCode: 0,
    strictExitCode: 1,
    diagnostics: [{level: 'warning', pattern: 'no parser for command "show inventory".*{file}:2-4'}],
    facts: {ikeSa: 0},
    devices: ['R1/cisco'],
    unparsedLines: [2, 3, 4],
  },
  {
    file: 'mostly-syslog.txt',
    what: 'a capture that is 97% syslog messages around one table',
    lines: 194,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 2},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
  {
    file: 'more-backspace.txt',
    what: '--More-- pager prompts erased with backspaces in front of table rows',
    lines: 33,
    exitCode: 0,
    strictExitCode: 0,
    diagnostics: [],
    facts: {ikeSa: 30},
    devices: ['R1/cisco'],
    unparsedLines: [],
  },
]
