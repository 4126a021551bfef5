import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { confirmedActions, memberActions, signedInRoutes } from '#core/http/route_sets'

/**
 * 我的证书 (names "certificates.*", signed-in applicants).
 */
const certificates = controllers.certificates.Certificates

signedInRoutes('certificates', () => {
  router.get('/certificates', [certificates, 'index']).as('index')
  router.get('/certificates/:id', [certificates, 'show']).as('show')
  router
    .get('/certificates/:id/download/:format', [certificates, 'download'])
    .as('download')
    .where('format', /^(cer|pem|p7b|chain)$/)
  memberActions('/certificates/:id', certificates, ['pkcs12'])
  router.get('/certificates/:id/pin', [certificates, 'pinForm']).as('pin')
  router.post('/certificates/:id/pin', [certificates, 'changePin']).as('change_pin')

  /* the holder's services without an order (controllers/certificate_services_controller.ts) */
  const services = controllers.certificates.CertificateServices
  confirmedActions('/certificates/:id', services, ['revoke', 'suspend'])
  memberActions('/certificates/:id', services, ['resume'])
  confirmedActions('/certificates/:id', services, ['unlock', 'unbind'])

  /* 证书授权 to an org's members (controllers/certificate_grants_controller.ts) */
  const grants = controllers.certificates.CertificateGrants
  router
    .resource('certificates.grants', grants)
    .only(['index', 'store'])
    .params({ certificates: 'id' })
    .as('grants')
  memberActions('/certificates/:id/grants/:grantId', grants, ['withdraw'], 'grants')
})
