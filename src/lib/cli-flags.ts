/** Arguments and flags that parse, diagnose and baseline share, defined once. */
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

export const inputsArg = () => Args.string({description: 'capture files, directories, globs, or - for stdin', required: true})
export const deviceFlag = () => Flags.string({description: 'device name for blocks without a prompt (default: file name)'})
export const redactFlag = () => Flags.boolean({description: 'replace addresses, hostnames, SPIs, cookies and certificate names by stable tokens'})
