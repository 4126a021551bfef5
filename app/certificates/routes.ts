import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { registerDeregistrationCheck } from '#accounts/actions/deregistration'
import { activeCertificateCount } from '#certificates/queries/certificates'

/**
 * 我的证书 (names "certificates.*").
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

/**
 * An applicant with certificates in use cannot deregister.
 */
registerDeregistrationCheck('certificates', async (userId) => {
  const count = await activeCertificateCount(userId)
  return count
    ? `您有 ${count} 张正在使用的证书（正常或冻结），请先注销证书或等待证书失效后再注销账号`
    : null
})
