import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'

/**
 * Public routes of the issuance module (prefix /pki, names "issuance.pki.*"):
 * the only HTTP the CA has besides its back-office pages (admin_routes.ts).
 * Everything else is actions and queries that other modules call (see
 * app/issuance/README.md).
 */
router
  .group(() => {
    router.get('/', [controllers.issuance.Pki, 'index']).as('index')
    router.get('/ca/:file', [controllers.issuance.Pki, 'certificate']).as('certificate')
    router.get('/crl/:file', [controllers.issuance.Pki, 'crl']).as('crl')
    router.post('/ocsp', [controllers.issuance.Pki, 'ocsp']).as('ocsp.post')
    router.get('/ocsp/*', [controllers.issuance.Pki, 'ocsp']).as('ocsp.get')
  })
  .prefix('/pki')
  .as('issuance.pki')
