/** The prompter for a person at a terminal, on @inquirer/prompts (or on injected streams in tests). */
import {Writable} from 'node:stream'
import type {Readable} from 'node:stream'
import {editor, input, select} from '@inquirer/prompts'
import pc from 'picocolors'
import type {CaptureInput, CaptureRequest} from './capture.js'
import type {Choice, Printer, Prompter, TriState} from './io.js'
import {multiline} from './multiline.js'

export interface PromptStreams {
  input?: Readable
  output?: Writable
}

/**
 * Each prompt ends the output stream it is given; a shared stream (tests, one session on one
 * terminal) must survive them, so prompts get a wrapper whose end() only flushes.
 */
export function keepOpen(target: Writable): Writable {
  return new Writable({
    write(chunk, encoding, callback) {
      target.write(chunk, encoding, callback)
    },
    final(callback) {
      callback()
    },
  })
}

export function makePrinter(out: Writable, colour: boolean): Printer {
  const c = pc.createColors(colour)
  return {
    line: (text = '') => {
      out.write(`${text}\n`)
    },
    bold: c.bold,
    dim: c.dim,
    cyan: c.cyan,
    red: c.red,
    yellow: c.yellow,
    green: c.green,
  }
}

type CaptureMethod = 'paste' | 'file' | 'editor' | 'skip'

export class InteractivePrompter implements Prompter {
  constructor(private readonly streams: PromptStreams = {}) {}

  private context() {
    const {input: inStream, output} = this.streams
    return {input: inStream, output: output ? keepOpen(output) : undefined, clearPromptOnDone: false}
  }

  select<T extends string>(_step: string, message: string, choices: Choice<T>[], defaultValue?: T): Promise<T> {
    return select<T>({message, choices, default: defaultValue, pageSize: 12}, this.context())
  }

  text(_step: string, message: string, defaultValue: string, required = true): Promise<string> {
    return input({message, default: defaultValue, validate: (v) => !required || v.trim() !== '' || 'An answer is needed'}, this.context())
  }

  async confirm(step: string, message: string, defaultValue: boolean): Promise<boolean> {
    const choices: Choice<'yes' | 'no'>[] = [
      {value: 'yes', name: 'Yes'},
      {value: 'no', name: 'No'},
    ]
    return (await this.select(step, message, choices, defaultValue ? 'yes' : 'no')) === 'yes'
  }

  fact(step: string, message: string, help: string): Promise<TriState> {
    const choices: Choice<TriState>[] = [
      {value: 'yes', name: 'Yes', description: help},
      {value: 'no', name: 'No', description: help},
      {value: 'unknown', name: "Don't know", description: help},
    ]
    return this.select(step, message, choices, 'unknown')
  }

  async capture(step: string, req: CaptureRequest, retry: number): Promise<CaptureInput> {
    const methods: Choice<CaptureMethod>[] = [
      {value: 'paste', name: 'Paste the output here'},
      {value: 'file', name: 'Read it from a file'},
      {value: 'editor', name: 'Open an editor ($VISUAL / $EDITOR) and paste it there'},
      {value: 'skip', name: "Skip: I can't run this command now"},
    ]
    const prompt = retry > 0 ? `Try again: how do you give the output of "${req.command}"?` : `How do you give the output of "${req.command}"?`
    const method = await this.select(step, prompt, methods, 'paste')
    switch (method) {
      case 'paste':
        return {kind: 'paste', text: await multiline({message: `Paste the output of "${req.command}" from ${req.device}:`}, this.context())}
      case 'file':
        return {kind: 'file', path: await input({message: 'Path of the capture file:'}, this.context())}
      case 'editor':
        return {kind: 'editor', text: await editor({message: `Paste the output of "${req.command}" in the editor, save and close it.`, postfix: '.txt'}, this.context())}
      default:
        return {kind: 'skip'}
    }
  }
}
