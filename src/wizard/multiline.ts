/**
 * A prompt that collects pasted multi-line text. Show outputs contain blank lines, so the paste ends
 * with a line holding a single "." (typed or pasted). Each completed line arrives through readline's
 * "line" event; the partially typed line is echoed on the counter line.
 */
import {createPrompt, makeTheme, useEffect, useKeypress, usePrefix, useRef, useState} from '@inquirer/core'

export interface MultilineConfig {
  message: string
  /** Line that ends the input (compared after trimming). */
  terminator?: string
}

/** Screen updates are batched: a paste of 700 lines arrives as ~40,000 keypresses. */
const REDRAW_DELAY_MS = 30

export const multiline = createPrompt<string, MultilineConfig>((config, done) => {
  const terminator = config.terminator ?? '.'
  const theme = makeTheme({})
  const [status, setStatus] = useState<'idle' | 'done'>('idle')
  const [count, setCount] = useState(0)
  const [current, setCurrent] = useState('')
  const lines = useRef<string[]>([])
  const finished = useRef(false)
  const redraw = useRef<NodeJS.Timeout | null>(null)
  const prefix = usePrefix({status, theme})

  useEffect((rl) => {
    const onLine = (...args: unknown[]) => {
      const line = String(args[0] ?? '')
      if (finished.current) return
      if (line.trim() === terminator) {
        finished.current = true
        if (redraw.current) clearTimeout(redraw.current)
        setCount(lines.current.length)
        setStatus('done')
        done(lines.current.join('\n'))
        return
      }
      lines.current.push(line)
    }
    rl.on('line', onLine)
    return () => {
      rl.removeListener('line', onLine)
      if (redraw.current) clearTimeout(redraw.current)
    }
  }, [])

  useKeypress((_key, rl) => {
    if (finished.current || redraw.current) return
    redraw.current = setTimeout(() => {
      redraw.current = null
      if (finished.current) return
      setCount(lines.current.length)
      setCurrent(rl.line)
    }, REDRAW_DELAY_MS)
  })

  const message = theme.style.message(config.message, status)
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(`(${count} lines)`)}`
  const counter = theme.style.help(`  ${count} line${count === 1 ? '' : 's'} so far, end with a line holding only "${terminator}" >`)
  return `${prefix} ${message}\n${counter} ${current}`
})
