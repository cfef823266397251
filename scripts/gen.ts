/**
 * npm run gen -- --tunnels N --vendor cisco|junos [--faults 0.1] [--seed S] --out FILE
 * Writes a realistic capture of one device with N tunnels. Same arguments, same file.
 */
import {parseArgs} from 'node:util'
import {DEFAULT_SEED, faultCounts, writeCapture} from '../src/gen/index.js'

function fail(message: string): never {
  process.stderr.write(`gen: ${message}\nusage: npm run gen -- --tunnels N --vendor cisco|junos [--faults 0.1] [--seed S] --out FILE\n`)
  process.exit(2)
}

let values
try {
  ;({values} = parseArgs({
    options: {
      tunnels: {type: 'string'},
      vendor: {type: 'string'},
      faults: {type: 'string', default: '0.1'},
      seed: {type: 'string', default: String(DEFAULT_SEED)},
      out: {type: 'string'},
    },
    strict: true,
  }))
} catch (error) {
  fail((error as Error).message)
}

const tunnels = Number(values.tunnels)
const faults = Number(values.faults)
const seed = Number(values.seed)
if (!Number.isInteger(tunnels) || tunnels < 0) fail('--tunnels must be a whole number >= 0')
if (values.vendor !== 'cisco' && values.vendor !== 'junos') fail('--vendor must be cisco or junos')
if (!(faults >= 0 && faults <= 1)) fail('--faults must be between 0 and 1')
if (!Number.isInteger(seed)) fail('--seed must be an integer')
if (!values.out) fail('--out FILE is required')

const started = performance.now()
const {device, bytes} = writeCapture({vendor: values.vendor, tunnels, faults, seed}, values.out)
const ms = Math.round(performance.now() - started)
const faultText = Object.entries(faultCounts(device))
  .map(([k, v]) => `${k} ${v}`)
  .join(', ')
process.stdout.write(`wrote ${values.out}: ${values.vendor} ${device.hostname}, ${tunnels} tunnels, ${(bytes / 1e6).toFixed(2)} MB in ${ms} ms; faults: ${faultText || 'none'}\n`)
