/** Each wizard step on its own: the paste prompt, the capture checks, the prompter on injected streams. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {render} from '@inquirer/testing'
import {describe, expect, it} from 'vitest'
import {checkCapture, looksBinary} from '../src/wizard/capture.js'
import type {CaptureRequest} from '../src/wizard/capture.js'
import {InteractivePrompter} from '../src/wizard/interactive.js'
import {multiline} from '../src/wizard/multiline.js'
import {KEY, stubBackend, Terminal} from './fixtures/wizard/driver.js'

const FIX = join(import.meta.dirname, 'fixtures', 'wizard')
const read = (f: string) => readFileSync(join(FIX, f), 'utf8')

const isakmpReq: CaptureRequest = {device: 'HQ', vendor: 'cisco', platformLabel: 'Cisco IOS', command: 'show crypto isakmp sa', label: '<HQ: show crypto isakmp sa>'}

describe('multi-line paste prompt', () => {
  it('keeps blank lines and ends at a lone "."', async () => {
    const {answer, events, getScreen} = await render(multiline, {message: 'Paste:'})
    events.type('line one')
    events.keypress('enter')
    events.keypress('enter')
    events.type('line three')
    await new Promise((r) => setTimeout(r, 60)) // the screen is redrawn after a burst of keys
    expect(getScreen()).toContain('2 lines so far')
    expect(getScreen()).toContain('line three')
    events.keypress('enter')
    events.type('.')
    events.keypress('enter')
    await expect(answer).resolves.toBe('line one\n\nline three')
    expect(getScreen()).toContain('(3 lines)')
  })

  it('rejects with ExitPromptError on Ctrl-C', async () => {
    const {answer, events} = await render(multiline, {message: 'Paste:'})
    events.keypress({name: 'c', ctrl: true})
    await expect(answer).rejects.toMatchObject({name: 'ExitPromptError'})
  })
})

describe('capture checks', () => {
  const backend = stubBackend()

  it('accepts the right output and says what it understood in one line', async () => {
    const res = await checkCapture(backend, isakmpReq, {kind: 'paste', text: read('hq-isakmp-no-state.txt')})
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.capture.summary).toBe('2 IKE SAs (1 deleted), peer 192.0.2.2 in MM_NO_STATE')
    expect(res.capture.commandsSeen).toEqual(['show crypto isakmp sa'])
    // Facts belong to the device the user named, and cite the paste label as their file.
    expect(res.capture.doc.facts.ikeSa.map((s) => [s.source.device, s.source.file])).toEqual([
      ['HQ', '<HQ: show crypto isakmp sa>'],
      ['HQ', '<HQ: show crypto isakmp sa>'],
    ])
  })

  it('renames a device whose prompt says otherwise', async () => {
    const res = await checkCapture(backend, {...isakmpReq, device: 'hq-main'}, {kind: 'paste', text: read('br-isakmp-up.txt')})
    expect(res.ok && res.capture.doc.devices.map((d) => d.name)).toEqual(['hq-main'])
    expect(res.ok && res.capture.summary).toBe('1 IKE SA, peer 198.51.100.9 in QM_IDLE')
  })

  it('notes another prompt name and the lines it did not understand', async () => {
    const text = 'R7#show crypto isakmp sa\n' + read('hq-isakmp-no-state.txt') + 'JUNK-77 0x3f ==\n'
    const res = await checkCapture(backend, isakmpReq, {kind: 'paste', text})
    expect(res.ok && res.capture.notes).toEqual(['the prompt says R7; the output is filed under HQ', 'line 5 not understood: JUNK-77 0x3f =='])
    expect(res.ok && res.capture.summary).toBe('2 IKE SAs (1 deleted), peer 192.0.2.2 in MM_NO_STATE, 1 line not understood')
    const clean = await checkCapture(backend, isakmpReq, {kind: 'paste', text: read('hq-isakmp-no-state.txt')})
    expect(clean.ok && clean.capture.notes).toEqual([])
  })

  it('rejects an empty paste', async () => {
    const res = await checkCapture(backend, isakmpReq, {kind: 'paste', text: '  \n\n'})
    expect(res).toEqual({ok: false, message: expect.stringContaining('Nothing was pasted')})
  })

  it('rejects binary data, pasted or as a file', async () => {
    expect(looksBinary('show crypto\u0000')).toBe(true)
    expect(looksBinary('a\tb\r\n\u001b[0m ok')).toBe(false)
    const pasted = await checkCapture(backend, isakmpReq, {kind: 'paste', text: '\u0001\u0002\u0003\u0004abc'})
    expect(pasted).toEqual({ok: false, message: expect.stringContaining('binary')})
    const file = await checkCapture(backend, isakmpReq, {kind: 'file', path: join(FIX, 'binary.bin')})
    expect(file).toEqual({ok: false, message: expect.stringContaining('binary file')})
  })

  it('rejects the output of another command and names it', async () => {
    const res = await checkCapture(backend, isakmpReq, {kind: 'paste', text: read('hq-drops.txt')})
    expect(res.ok).toBe(false)
    expect(!res.ok && res.message).toContain('"show crypto engine connections dropped-packet", not of "show crypto isakmp sa"')
  })

  it('rejects output of the other vendor', async () => {
    const res = await checkCapture(backend, isakmpReq, {kind: 'paste', text: read('dcgw-ike.txt')})
    expect(!res.ok && res.message).toBe('That is Junos output, but HQ was described as Cisco IOS. Paste the output from HQ.')
  })

  it('rejects text it cannot recognise when the command has a parser', async () => {
    const res = await checkCapture(backend, isakmpReq, {kind: 'paste', text: 'hello\nthis is not a show output\n'})
    expect(!res.ok && res.message).toContain('did not recognise this as the output of "show crypto isakmp sa"')
  })

  it('accepts any text for a command no parser reads yet (kept for the record)', async () => {
    const req = {...isakmpReq, command: 'show version'}
    const res = await checkCapture(backend, req, {kind: 'paste', text: 'Cisco IOS Software, Version 15.4\n'})
    expect(res.ok).toBe(true)
  })

  it('reports missing files and directories', async () => {
    expect(await checkCapture(backend, isakmpReq, {kind: 'file', path: join(FIX, 'nope.txt')})).toEqual({ok: false, message: expect.stringContaining('no file at')})
    expect(await checkCapture(backend, isakmpReq, {kind: 'file', path: FIX})).toEqual({ok: false, message: expect.stringContaining('is a directory')})
  })

  it('expands a leading ~ in a file path', async () => {
    const saved = process.env.HOME
    process.env.HOME = FIX
    try {
      const res = await checkCapture(backend, isakmpReq, {kind: 'file', path: '~/hq-isakmp-no-state.txt'})
      expect(res.ok && res.capture.path).toBe(join(FIX, 'hq-isakmp-no-state.txt'))
    } finally {
      process.env.HOME = saved
    }
  })

  it('reads a file and records its path as the evidence file', async () => {
    const path = join(FIX, 'hq-isakmp-no-state.txt')
    const res = await checkCapture(backend, isakmpReq, {kind: 'file', path})
    expect(res.ok && res.capture.source).toBe('file')
    expect(res.ok && res.capture.doc.facts.ikeSa[0].source.file).toBe(path)
  })
})

describe('interactive prompter on injected streams', () => {
  it('takes a pasted output after choosing "paste"', async () => {
    const term = new Terminal()
    const prompter = new InteractivePrompter({input: term.input, output: term.output})
    const result = prompter.capture('capture:HQ:show crypto isakmp sa', isakmpReq, 0)
    await term.when('How do you give the output of "show crypto isakmp sa"?', KEY.enter)
    await term.when('Paste the output of "show crypto isakmp sa" from HQ', term.paste(read('hq-isakmp-no-state.txt')))
    const got = await result
    // The file's final newline ("...ACTIVE (deleted)\n") is not part of the paste.
    expect(got).toEqual({kind: 'paste', text: read('hq-isakmp-no-state.txt').replace(/\n$/, '')})
    expect(term.screen()).toContain('(3 lines)')
  })

  it('takes a file path, and a skip', async () => {
    const term = new Terminal()
    const prompter = new InteractivePrompter({input: term.input, output: term.output})
    const first = prompter.capture('s', isakmpReq, 0)
    await term.when('How do you give', [KEY.down, KEY.enter])
    await term.when('Path of the capture file:', ['/tmp/x.txt', KEY.enter])
    expect(await first).toEqual({kind: 'file', path: '/tmp/x.txt'})
    const second = prompter.capture('s', isakmpReq, 1)
    await term.when('Try again: how do you give', [KEY.up, KEY.enter])
    expect(await second).toEqual({kind: 'skip'})
  })

  it('opens the editor and returns what was saved there', async () => {
    const term = new Terminal()
    const prompter = new InteractivePrompter({input: term.input, output: term.output})
    const saved = {visual: process.env.VISUAL, editor: process.env.EDITOR}
    // The "editor" copies a capture over the temporary file, as a user pasting and saving would.
    process.env.VISUAL = `cp ${join(FIX, 'hq-drops.txt')}`
    try {
      const res = prompter.capture('s', isakmpReq, 0)
      await term.when('How do you give', [KEY.down, KEY.down, KEY.enter])
      await term.when('in the editor', KEY.enter)
      expect(await res).toEqual({kind: 'editor', text: read('hq-drops.txt')})
    } finally {
      if (saved.visual === undefined) delete process.env.VISUAL
      else process.env.VISUAL = saved.visual
    }
  })

  it('lets an optional text answer be cleared, and insists on a required one', async () => {
    const term = new Terminal()
    const prompter = new InteractivePrompter({input: term.input, output: term.output})
    const optional = prompter.text('save.json', 'JSON file (empty: none):', 'session.json', false)
    await term.when('JSON file (empty: none):', ['\u007f', KEY.enter]) // backspace drops the default
    expect(await optional).toBe('')
    const required = prompter.text('local.name', 'Name of this device:', 'local-gw')
    await term.when('Name of this device:', ['\u007f', KEY.enter])
    await term.when('An answer is needed', ['HQ', KEY.enter])
    expect(await required).toBe('HQ')
  })

  it('answers a fact question with yes / no / don\'t know', async () => {
    const term = new Terminal()
    const prompter = new InteractivePrompter({input: term.input, output: term.output})
    const res = prompter.fact('fact:nat', 'Is there a NAT device?', 'NAT needs UDP 4500')
    await term.when('Is there a NAT device?', [KEY.up, KEY.up, KEY.enter])
    expect(await res).toBe('yes')
    expect(term.screen()).toContain('NAT needs UDP 4500')
  })
})
