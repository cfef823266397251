/**
 * npm run gen -- --tunnels N --vendor cisco|junos [--platform P] [--family F] [--faults 0.1] [--seed S] --out FILE
 * npm run gen -- --manual [--tunnels 4500] [--seed S] --out FILE
 *
 * Writes a realistic capture of one device with N tunnels: every command of its platform (IOS by
 * default for cisco, Junos legacy for junos; also iosxe, asa, srx, mx), or with --family just one
 * command family (see src/gen/families.ts), or with --manual the benchmark's manual-layout capture
 * (IOS-XE `show crypto ipsec sa detail`, about 10 MB). Same arguments, same file.
 */
import {parseArgs} from 'node:util'
import {DEFAULT_SEED, FAMILIES, MANUAL_LAYOUT_FLOWS, PLATFORMS, type Platform, buildDevice, captureChunks, faultCounts, familyById, familyChunks, manualLayoutChunks, vendorOf, writeChunks} from '../src/gen/index.js'

const USAGE = `usage: npm run gen -- --tunnels N --vendor cisco|junos [--platform ${PLATFORMS.join('|')}] [--family ID] [--faults 0.1] [--seed S] --out FILE
       npm run gen -- --manual [--tunnels ${MANUAL_LAYOUT_FLOWS}] [--seed S] --out FILE
families: ${FAMILIES.map((f) => f.id).join(', ')}`

function fail(message: string): never {
  process.stderr.write(`gen: ${message}\n${USAGE}\n`)
  process.exit(2)
}

let values
try {
  ;({values} = parseArgs({
    options: {
      tunnels: {type: 'string'},
      vendor: {type: 'string'},
      platform: {type: 'string'},
      family: {type: 'string'},
      manual: {type: 'boolean', default: false},
      faults: {type: 'string', default: '0.1'},
      seed: {type: 'string', default: String(DEFAULT_SEED)},
      out: {type: 'string'},
    },
    strict: true,
  }))
} catch (error) {
  fail((error as Error).message)
}

const seed = Number(values.seed)
if (!Number.isInteger(seed)) fail('--seed must be an integer')
if (!values.out) fail('--out FILE is required')
const started = performance.now()

if (values.manual) {
  const flows = values.tunnels === undefined ? MANUAL_LAYOUT_FLOWS : Number(values.tunnels)
  if (!Number.isInteger(flows) || flows < 0) fail('--tunnels must be a whole number >= 0')
  const bytes = writeChunks(manualLayoutChunks(flows, seed), values.out)
  process.stdout.write(`wrote ${values.out}: manual-layout capture, ${flows} flows, ${(bytes / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms\n`)
  process.exit(0)
}

const tunnels = Number(values.tunnels)
const faults = Number(values.faults)
if (!Number.isInteger(tunnels) || tunnels < 0) fail('--tunnels must be a whole number >= 0')
if (!(faults >= 0 && faults <= 1)) fail('--faults must be between 0 and 1')
let platform: Platform | undefined
try {
  platform = values.family ? familyById(values.family).platform : (values.platform as Platform | undefined)
} catch (error) {
  fail((error as Error).message)
}
if (platform !== undefined && !PLATFORMS.includes(platform)) fail(`--platform must be one of ${PLATFORMS.join(', ')}`)
const vendor = values.vendor ?? (platform ? vendorOf(platform) : undefined)
if (vendor !== 'cisco' && vendor !== 'junos') fail('--vendor must be cisco or junos')
if (platform !== undefined && vendorOf(platform) !== vendor) fail(`--platform ${platform} is not a ${vendor} platform`)

const device = buildDevice({vendor, platform, tunnels, faults, seed})
const bytes = writeChunks(values.family ? familyChunks(device, values.family) : captureChunks(device), values.out)
const ms = Math.round(performance.now() - started)
const faultText = Object.entries(faultCounts(device))
  .map(([k, v]) => `${k} ${v}`)
  .join(', ')
const what = values.family ? `family ${values.family}` : `platform ${device.platform}`
process.stdout.write(`wrote ${values.out}: ${vendor} ${device.hostname} (${what}), ${tunnels} tunnels, ${(bytes / 1e6).toFixed(2)} MB in ${ms} ms; faults: ${faultText || 'none'}\n`)
