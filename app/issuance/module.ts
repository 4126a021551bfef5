import { defineModule } from '#core/modules'

/**
 * issuance: the CA's public endpoints (/pki: CA certificates, CRLs, OCSP)
 * and its back-office pages (CA 与 CRL, 证书查询); see app/issuance/README.md.
 */
export default defineModule({
  name: 'issuance',
  routes: () => import('#issuance/routes'),
  boot: () => import('#issuance/registrations'),
  backOffice: {
    routes: () => import('#issuance/admin_routes'),
    menu: [
      {
        group: 'certificates',
        order: 10,
        key: 'certificates.index',
        label: '证书查询',
        route: 'admin.certificates.index',
        roles: ['reviewer', 'operator'],
      },
      {
        group: 'certificates',
        order: 20,
        key: 'ca.index',
        label: 'CA 与 CRL',
        route: 'admin.ca.index',
        roles: ['reviewer'],
      },
    ],
    figures: [
      {
        order: 150,
        label: '有效证书',
        route: 'admin.certificates.index',
        qs: { status: 'valid' },
        roles: ['reviewer', 'operator'],
        value: () => import('#issuance/queries/ca').then((m) => m.countValidCertificates()),
      },
    ],
    auditSubjects: {
      issued_certificate: '证书',
      certificate_authority: '证书签发机构（CA）',
      cloud_credential: '云证书密钥',
    },
  },
})
