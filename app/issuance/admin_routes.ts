import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * The issuance module's back-office pages (names "admin.*", under /admin,
 * staff sign-in; a Bouncer policy in every action): CA 与 CRL (/admin/ca)
 * and 证书查询 (/admin/certificates).
 */
backOfficeRoutes(() => {
  router.get('/ca', [controllers.issuance.admin.Ca, 'index']).as('ca.index')
  router.post('/ca/crl', [controllers.issuance.admin.Ca, 'publishCrl']).as('ca.crl.publish')

  router
    .group(() => {
      router.get('/certificates', [controllers.issuance.admin.Certificates, 'index']).as('index')
      router
        .get('/certificates/:serial', [controllers.issuance.admin.Certificates, 'show'])
        .as('show')
      router
        .get('/certificates/:serial/download', [
          controllers.issuance.admin.Certificates,
          'download',
        ])
        .as('download')
      router
        .post('/certificates/:serial/revoke', [controllers.issuance.admin.Certificates, 'revoke'])
        .as('revoke')
      router
        .post('/certificates/:serial/suspend', [controllers.issuance.admin.Certificates, 'suspend'])
        .as('suspend')
      router
        .post('/certificates/:serial/resume', [controllers.issuance.admin.Certificates, 'resume'])
        .as('resume')
    })
    .as('certificates')
})
