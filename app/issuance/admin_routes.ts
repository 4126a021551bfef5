import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * The issuance module's back-office pages (names "admin.*", under /admin,
 * staff sign-in; a Bouncer policy in every action): CA 与 CRL (/admin/ca)
 * and 证书查询 (/admin/certificates).
 */
const { Ca, Certificates } = controllers.issuance.admin

backOfficeRoutes(() => {
  router.get('/ca', [Ca, 'index']).as('ca.index')
  router.post('/ca/crl', [Ca, 'publishCrl']).as('ca.crl.publish')

  router
    .resource('certificates', Certificates)
    .only(['index', 'show'])
    .params({ certificates: 'serial' })
  router
    .get('/certificates/:serial/download', [Certificates, 'download'])
    .as('certificates.download')
  memberActions(
    '/certificates/:serial',
    Certificates,
    ['revoke', 'suspend', 'resume'],
    'certificates'
  )
})
