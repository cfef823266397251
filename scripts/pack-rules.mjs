// Build step: validates rules/ and writes dist/builtin-rules.json (src/engine/rule-files.ts writeBuiltinPack).
import {writeBuiltinPack} from '../dist/engine/rule-files.js'

try {
  const n = writeBuiltinPack()
  if (process.argv.includes('--verbose')) console.log(`dist/builtin-rules.json: ${n} rules`)
} catch (error) {
  console.error(`rules/ does not validate:\n${error.message}`)
  process.exit(1)
}
