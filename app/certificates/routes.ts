import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * 我的证书 (names "certificates.*", signed-in applicants).
 */
router
  .group(() => {
    router.get('/certificates', [controllers.certificates.Certificates, 'index']).as('index')
    router.get('/certificates/:id', [controllers.certificates.Certificates, 'show']).as('show')
    router
      .get('/certificates/:id/download/:format', [
        controllers.certificates.Certificates,
        'download',
      ])
      .as('download')
      .where('format', /^(cer|pem|p7b|chain)$/)
    router
      .post('/certificates/:id/pkcs12', [controllers.certificates.Certificates, 'pkcs12'])
      .as('pkcs12')
    router
      .get('/certificates/:id/pin', [controllers.certificates.Certificates, 'pinForm'])
      .as('pin')
    router
      .post('/certificates/:id/pin', [controllers.certificates.Certificates, 'changePin'])
      .as('change_pin')

    /* the holder's services without an order (controllers/certificate_services_controller.ts) */
    const services = controllers.certificates.CertificateServices
    router.get('/certificates/:id/revoke', [services, 'revokeForm']).as('revoke.form')
    router.post('/certificates/:id/revoke', [services, 'revoke']).as('revoke')
    router.get('/certificates/:id/suspend', [services, 'suspendForm']).as('suspend.form')
    router.post('/certificates/:id/suspend', [services, 'suspend']).as('suspend')
    router.post('/certificates/:id/resume', [services, 'resume']).as('resume')
    router.get('/certificates/:id/unlock', [services, 'unlockForm']).as('unlock.form')
    router.post('/certificates/:id/unlock', [services, 'unlock']).as('unlock')
    router.get('/certificates/:id/unbind', [services, 'unbindForm']).as('unbind.form')
    router.post('/certificates/:id/unbind', [services, 'unbind']).as('unbind')

    /* 证书授权 to an org's members (controllers/certificate_grants_controller.ts) */
    const grants = controllers.certificates.CertificateGrants
    router.get('/certificates/:id/grants', [grants, 'index']).as('grants.index')
    router.post('/certificates/:id/grants', [grants, 'store']).as('grants.store')
    router
      .post('/certificates/:id/grants/:grantId/withdraw', [grants, 'withdraw'])
      .as('grants.withdraw')
  })
  .as('certificates')
  .use(middleware.auth())
