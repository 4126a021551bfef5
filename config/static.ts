import { defineConfig } from '@adonisjs/static'

/**
 * The static file server: style sheets, icons and images in
 * resources/public (adonisrc.ts `directories.public`), e.g. /css/app.css.
 * Private files are never here (config/drive.ts). Nothing here is set
 * through env.
 *
 * https://docs.adonisjs.com/guides/basics/static-file-server
 */
const staticServerConfig = defineConfig({
  /**
   * Serve resources/public before the router sees the request.
   */
  enabled: true,

  /**
   * Send an ETag with each file, so that a browser revalidating an expired
   * copy gets a 304 without the body (slow office and mobile networks).
   */
  etag: true,

  /**
   * Send Last-Modified, for conditional requests in the same way.
   */
  lastModified: true,

  /**
   * Files whose name starts with a dot are treated as absent (404), so
   * that nothing like a stray .env or .git is ever served.
   */
  dotFiles: 'ignore',

  /**
   * How long browsers reuse a file without asking again (Cache-Control
   * max-age; a duration: 1 hour). The file names carry no version, so a
   * changed style sheet reaches every browser within this time after a
   * deploy.
   */
  maxAge: '1h',
})

export default staticServerConfig
