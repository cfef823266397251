/**
 * Which files of a folder are captures: text and log files, files without an extension, and Markdown
 * pages (a wiki page or ticket export holds its outputs in code fences); not the folder's own README,
 * metadata beside the captures, or a Markdown report this tool wrote into the folder.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {resolveInputs} from '../src/ingest/read.js'

describe('a folder of captures', () => {
  it('reads Markdown pages beside text captures, not READMEs, metadata or its own reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folder-'))
    const files: Record<string, string> = {
      'asa-config.md': '## ASA\n```\nasa# show running-config crypto map\ncrypto map outside_map 10 set peer 198.51.100.7\n```\n',
      'srx.txt': 'root@srx> show security ike sa\n',
      'kmd': 'Dec  7 14:02:11  fw kmd[2214]: IKE negotiation failed with error: Timed out\n',
      'README.md': '# How these were captured\n',
      'expected.json': '{}',
      'last-run.md': '### ipsec-doctor: 3 error(s) on 2 device(s)\n',
      'screenshot.png': 'x',
    }
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    const {files: read, diagnostics} = await resolveInputs([dir])
    expect(read.map((f) => basename(f))).toEqual(['asa-config.md', 'kmd', 'srx.txt'])
    expect(diagnostics.map((d) => d.message)).toEqual([`${dir}: skipped 1 file(s) that are not captures by extension (e.g. screenshot.png)`])
  })
})
