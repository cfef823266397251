#!/usr/bin/env -S node --no-warnings
import {execute} from '@oclif/core/execute'

await execute({development: true, dir: import.meta.url})
