/**
 * Capture generator: realistic show outputs of one device with N tunnels and a share of faults,
 * deterministic for a given seed, in the full layouts of each supported platform (IOS, IOS-XE, ASA,
 * Junos legacy, SRX, MX; see families.ts). Used by `npm run gen`, the benchmarks and the tests.
 */
import {closeSync, openSync, writeSync} from 'node:fs'
import {platformChunks} from './families.js'
import {type Device, type GenerateOptions, buildDevice} from './tunnels.js'

export {buildDevice, buildTunnel, peerAddressOf, remoteNetOf, PLATFORMS, vendorOf} from './tunnels.js'
export type {Device, Fault, GenerateOptions, Platform, Tunnel} from './tunnels.js'
export {FAMILIES, familyById, familyChunks, platformChunks} from './families.js'
export type {Family} from './families.js'
export {manualLayoutChunks, MANUAL_LAYOUT_FLOWS} from './manual.js'
export {SeededRandom} from './random.js'

export const DEFAULT_SEED = 7

/** Text chunks of the whole capture of `device`, in the layouts of its platform. */
export function captureChunks(device: Device): Generator<string> {
  return platformChunks(device)
}

export function generateCapture(opts: GenerateOptions): {device: Device; text: string} {
  const device = buildDevice(opts)
  let text = ''
  for (const chunk of captureChunks(device)) text += chunk
  return {device, text}
}

/** Writes the capture to `path` in ~1 MB writes (never the whole text in memory); returns bytes written. */
export function writeCapture(opts: GenerateOptions, path: string): {device: Device; bytes: number} {
  const device = buildDevice(opts)
  return {device, bytes: writeChunks(captureChunks(device), path)}
}

export function writeChunks(chunks: Iterable<string>, path: string): number {
  const fd = openSync(path, 'w')
  let pending: string[] = []
  let pendingLength = 0
  let bytes = 0
  const flush = (): void => {
    if (pending.length === 0) return
    bytes += writeSync(fd, pending.join(''))
    pending = []
    pendingLength = 0
  }
  try {
    for (const chunk of chunks) {
      pending.push(chunk)
      pendingLength += chunk.length
      if (pendingLength >= 1 << 20) flush()
    }
    flush()
  } finally {
    closeSync(fd)
  }
  return bytes
}

/** Summary of the faults a generated device carries, by fault name. */
export function faultCounts(device: Device): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const t of device.tunnels) if (t.fault) counts[t.fault] = (counts[t.fault] ?? 0) + 1
  return counts
}
