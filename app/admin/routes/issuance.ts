import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Back-office pages of the "issuance" area: CA 与 CRL (/admin/ca) and
 * 证书查询 (/admin/certificates). Prefix /admin, names "admin.*",
 * middleware.staff() on every route, a Bouncer policy in every action.
 */
router
  .group(() => {
    router.get('/ca', [controllers.admin.IssuanceCa, 'index']).as('ca.index')
    router.post('/ca/crl', [controllers.admin.IssuanceCa, 'publishCrl']).as('ca.crl.publish')

    router
      .get('/certificates', [controllers.admin.IssuanceCertificates, 'index'])
      .as('certificates.index')
    router
      .get('/certificates/:serial', [controllers.admin.IssuanceCertificates, 'show'])
      .as('certificates.show')
    router
      .get('/certificates/:serial/download', [controllers.admin.IssuanceCertificates, 'download'])
      .as('certificates.download')
    router
      .post('/certificates/:serial/revoke', [controllers.admin.IssuanceCertificates, 'revoke'])
      .as('certificates.revoke')
    router
      .post('/certificates/:serial/suspend', [controllers.admin.IssuanceCertificates, 'suspend'])
      .as('certificates.suspend')
    router
      .post('/certificates/:serial/resume', [controllers.admin.IssuanceCertificates, 'resume'])
      .as('certificates.resume')
  })
  .prefix('/admin')
  .as('admin')
  .use(middleware.staff())
