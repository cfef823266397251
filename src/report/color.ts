/**
 * Whether stdout gets colour and table styling, in a module of its own so that choosing it does not
 * load the table renderer (cli-table3, picocolors) for the other formats.
 */
/** True when stdout is a terminal and NO_COLOR is unset or empty (https://no-color.org). */
export function shouldColor(stream: {isTTY?: boolean} = process.stdout, env = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR
}
