import { defineModule } from '#core/modules'

/**
 * seals: electronic seals and handwritten signatures — the engine (template
 * seals, seals from photos, signatures) and the business on top: seal
 * records bound to certificates with GB/T 38540 data signed by the office,
 * staff review (印章审核), authorisation to org members, 注销 and usage
 * records (see README.md).
 */
export default defineModule({
  name: 'seals',
  routes: () => import('#seals/routes'),
  boot: () => import('#seals/registrations'),
  backOffice: {
    routes: () => import('#seals/admin_routes'),
    menu: [
      {
        group: 'reviews',
        order: 60,
        key: 'reviews.seals',
        label: '印章审核',
        route: 'admin.reviews.seals.index',
        roles: ['reviewer'],
        count: () => import('#seals/queries/reviews').then((m) => m.pendingRequestCount()),
      },
    ],
    figures: [
      {
        order: 96,
        label: '待审核印章',
        route: 'admin.reviews.seals.index',
        roles: ['reviewer'],
        value: () => import('#seals/queries/reviews').then((m) => m.pendingRequestCount()),
      },
    ],
    auditSubjects: {
      seal: '印章',
      seal_request: '印章申请',
      seal_grant: '用章授权',
      seal_contract: '电子合同',
      seal_package: '印章套餐',
    },
  },
})
