/**
 * Where the server about to start can be opened: its own host and port
 * (PORT=3472 npm start serves on 3472, whatever APP_URL says), and the
 * public address APP_URL when that is another one (behind a proxy).
 * Used by the `npm start` primary (bin/start.ts) for its 已就绪 line.
 */
export function readyAddresses(input: { appUrl: string; host?: string; port?: number | string }) {
  const host =
    !input.host || input.host === '0.0.0.0' || input.host === '::' ? 'localhost' : input.host
  const local = `http://${host.includes(':') ? `[${host}]` : host}:${input.port ?? 3333}`
  const publicUrl = input.appUrl.replace(/\/+$/, '')
  return { local, publicUrl: publicUrl === local ? null : publicUrl }
}
