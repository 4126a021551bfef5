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
  })
  .as('certificates')
  .use(middleware.auth())
