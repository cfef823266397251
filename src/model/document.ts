/** The `parse --json` document: devices, facts by kind, and the per-block line account. */
import {z} from 'zod'
import {Vendor} from './common.js'
import {FactsByKind} from './facts.js'

import {SCHEMA_VERSION} from './constants.js'

export {SCHEMA_VERSION}

export const UnparsedLine = z.object({
  line: z.number().int().min(1),
  text: z.string(),
  reason: z.string().optional().describe('Why the line was not understood, when known'),
})
export type UnparsedLine = z.infer<typeof UnparsedLine>

export const Diagnostic = z
  .object({
    level: z.enum(['error', 'warning', 'info']),
    file: z.string(),
    line: z.number().int().nullable(),
    message: z.string(),
  })
  .describe('A message about the input (unreadable file, unknown command, truncated block ...)')
export type Diagnostic = z.infer<typeof Diagnostic>

export const Block = z
  .object({
    file: z.string(),
    startLine: z.number().int().min(1).describe('First line accounted to the block (the command line, or ignorable lines just before it)'),
    endLine: z.number().int().min(1),
    device: z.string(),
    vendor: Vendor.nullable(),
    command: z.string().nullable().describe('Canonical command; null when neither prompt nor content told it'),
    commandRaw: z.string().nullable().describe('Command as typed (abbreviations, pipes), null for headless pastes'),
    args: z.array(z.string()).describe('Arguments after the canonical command (detail, peer, tag ...)'),
    pipe: z.string().nullable().describe('Output modifier as typed, e.g. "| include spi"'),
    detectedBy: z.enum(['prompt', 'content', 'none']),
    parser: z.string().nullable().describe('Parser id, e.g. cisco/show-crypto-isakmp-sa'),
    node: z.string().nullable().describe('Chassis-cluster node for split output'),
    facts: z.number().int().describe('Number of facts the block produced'),
    consumedLines: z.number().int(),
    ignoredLines: z.number().int().describe('Blank, decoration, pager, syslog and banner lines'),
    unparsed: z.array(UnparsedLine),
    warnings: z.array(z.string()),
  })
  .describe('A command block of a capture and the account of its lines')
export type Block = z.infer<typeof Block>

export const Device = z.object({
  name: z.string(),
  vendor: Vendor.nullable(),
  platform: z.string().nullable().describe('ios, ios-xe, asa, junos-srx, junos-mx, junos-es when it can be told'),
  files: z.array(z.string()),
  captureTime: z.string().nullable().describe('ISO 8601 time from the capture, if it holds one'),
})
export type Device = z.infer<typeof Device>

export const ParseDocument = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    tool: z.object({name: z.literal('ipsec-doctor'), version: z.string()}),
    inputs: z.array(z.string()),
    devices: z.array(Device),
    facts: FactsByKind,
    blocks: z.array(Block),
    diagnostics: z.array(Diagnostic),
    summary: z.object({
      files: z.number().int(),
      lines: z.number().int(),
      blocks: z.number().int(),
      facts: z.number().int(),
      unparsedLines: z.number().int(),
      ignoredOutsideBlocks: z.number().int().describe('Blank, syslog or bare-prompt lines that belong to no block'),
    }),
  })
  .describe('ipsec-doctor parse --json output')
export type ParseDocument = z.infer<typeof ParseDocument>
