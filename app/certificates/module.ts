import { defineModule } from '#core/modules'

/**
 * certificates: 我的证书 (the holder's certificates, downloads, PIN); see
 * app/certificates/README.md. No back-office pages of its own: staff look
 * certificates up in the issuance module's 证书查询.
 */
export default defineModule({
  name: 'certificates',
  routes: () => import('#certificates/routes'),
  boot: () => import('#certificates/registrations'),
  backOffice: {
    auditSubjects: { certificate: '证书', certificate_grant: '证书授权' },
  },
})
