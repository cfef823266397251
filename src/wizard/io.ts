/**
 * What the session needs from the outside world: questions answered and lines shown. The interactive
 * prompter asks a person through @inquirer/prompts; the scripted one replays an answers file. Each
 * question carries a stable step id ("symptom", "local.platform", "fact:nat-between-peers") so that
 * a recorded session can be replayed.
 */
import type {CaptureInput, CaptureRequest} from './capture.js'

export interface Choice<T extends string> {
  value: T
  name: string
  description?: string
}

export type TriState = 'yes' | 'no' | 'unknown'

export interface Prompter {
  select<T extends string>(step: string, message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>
  /** Free text; `required` false lets the user clear the default to answer "none". */
  text(step: string, message: string, defaultValue: string, required?: boolean): Promise<string>
  confirm(step: string, message: string, defaultValue: boolean): Promise<boolean>
  /** A yes/no question about a fact the outputs cannot show; "unknown" changes nothing. */
  fact(step: string, message: string, help: string): Promise<TriState>
  /** The output of one command: pasted, from a file, from an editor, or skipped. `retry` > 0 after a rejected attempt. */
  capture(step: string, req: CaptureRequest, retry: number): Promise<CaptureInput>
}

/** Where the session writes what it tells the user. */
export interface Printer {
  line(text?: string): void
  /** Styling helpers; identity functions when colour is off. */
  bold(text: string): string
  dim(text: string): string
  cyan(text: string): string
  red(text: string): string
  yellow(text: string): string
  green(text: string): string
}

/** Raised by a prompter when the user cancelled (Ctrl-C) or the script cannot continue. */
export class SessionAborted extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SessionAborted'
  }
}
