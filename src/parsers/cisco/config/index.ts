/** Cisco configuration parsers (issue 16): running-config sections and the config-view show commands. */
import type {ParserSpec} from '../../types.js'
import {asaShowRunningConfig, showRunningConfig} from './show-running-config.js'
import {showAccessLists} from './show-access-lists.js'

export const ciscoConfigParsers: ParserSpec[] = [showRunningConfig, asaShowRunningConfig, showAccessLists]
