import { defineModule } from '#core/modules'

/**
 * certificates: 我的证书 (the holder's certificates, downloads, PIN).
 */
export default defineModule({
  name: 'certificates',
  routes: () => import('#certificates/routes'),
  backOffice: {
    auditSubjects: { certificate: '证书' },
  },
})
