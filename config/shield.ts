import { defineConfig } from '@adonisjs/shield'

const shieldConfig = defineConfig({
  /**
   * Content security policy: everything is served from this origin.
   */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`],
      imgSrc: [`'self'`, 'data:', 'blob:'],
      fontSrc: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
      objectSrc: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
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
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  hsts: {
    enabled: true,
    maxAge: '180 days',
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
