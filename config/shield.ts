import { defineConfig } from '@adonisjs/shield'

/**
 * Security headers and CSRF protection (@adonisjs/shield). Headers shield
 * has no option for (Referrer-Policy, Permissions-Policy) are set by
 * #middleware/security_headers_middleware. Nothing here is set through env.
 */
const shieldConfig = defineConfig({
  /**
   * Content security policy: everything is served from this origin.
   */
  csp: {
    /**
     * Send the Content-Security-Policy header on every page: a CA office's
     * pages handle ID numbers and payments, so an injected script must not
     * run even if escaping fails somewhere.
     */
    enabled: true,
    /**
     * Allowed sources per resource type. No inline script and no inline
     * style (a style="" attribute in a view is ignored by the browser); no
     * CDN: the site must work on an office network without internet access.
     */
    directives: {
      /** anything not listed below: this origin only */
      defaultSrc: [`'self'`],
      /** scripts: our own files only (no inline script, no eval) */
      scriptSrc: [`'self'`],
      /** style sheets: our own files only (no <style>, no style="") */
      styleSrc: [`'self'`],
      /** images: our own, plus data: and blob: URLs a page may build in the browser */
      imgSrc: [`'self'`, 'data:', 'blob:'],
      /** fonts: our own files only (system fonts otherwise) */
      fontSrc: [`'self'`],
      /** forms may post to this origin only (an injected form cannot send data away) */
      formAction: [`'self'`],
      /** no site may show our pages in a frame (clickjacking); as X-Frame-Options below */
      frameAncestors: [`'none'`],
      /** no plugins (<object>, <embed>) */
      objectSrc: [`'none'`],
    },
    /**
     * false: the policy is enforced, not only reported.
     */
    reportOnly: false,
  },

  /**
   * CSRF protection: every form carries the session's token in a hidden
   * field (csrfField()).
   */
  csrf: {
    /**
     * Refuse a POST/PUT/PATCH/DELETE without the right token (a page
     * elsewhere cannot submit our forms in a signed-in user's name).
     */
    enabled: true,
    /**
     * Machine-to-machine endpoints authenticate otherwise (signatures):
     * OCSP, payment notifications, real-name providers' callbacks, the
     * platform API.
     */
    exceptRoutes: (ctx) => {
      const url = ctx.request.url()
      return (
        url.startsWith('/pki/ocsp') ||
        url.startsWith('/payments/notify/') ||
        url.startsWith('/realname/callback/') ||
        url.startsWith('/api/platform/')
      )
    },
    /**
     * No XSRF-TOKEN cookie: it serves JavaScript clients, and every form
     * here works without JavaScript (token in a hidden field).
     */
    enableXsrfCookie: false,
    /**
     * Methods that must carry the token (GET, HEAD and OPTIONS change
     * nothing and need none).
     */
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  /**
   * X-Frame-Options, for browsers that ignore CSP frame-ancestors.
   */
  xFrame: {
    /** send the header on every response */
    enabled: true,
    /** DENY: never shown in a frame, not even by our own pages */
    action: 'DENY',
  },

  /**
   * Strict-Transport-Security: once a browser has seen the site over
   * HTTPS, it uses HTTPS only (browsers ignore the header over plain http,
   * so a localhost demo is not affected).
   */
  hsts: {
    /** send the header */
    enabled: true,
    /** how long browsers remember it (a duration: 180 days), renewed by every visit */
    maxAge: '180 days',
  },

  /**
   * X-Content-Type-Options: nosniff, so that browsers trust the
   * Content-Type we send.
   */
  contentTypeSniffing: {
    /**
     * On: an uploaded file (a material, a voucher) served back can never be
     * sniffed into HTML or script.
     */
    enabled: true,
  },
})

export default shieldConfig
