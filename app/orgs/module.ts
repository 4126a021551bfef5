import { defineModule } from '#core/modules'

/**
 * orgs: organisations, claims, joins, roles and 切换身份, members, the
 * org admins' 审核管理, and the back office's org queues (see
 * app/orgs/README.md).
 */
export default defineModule({
  name: 'orgs',
  routes: () => import('#orgs/routes'),
  boot: () => import('#orgs/registrations'),
  backOffice: {
    routes: () => import('#orgs/admin_routes'),
    menu: [
      {
        group: 'reviews',
        order: 50,
        key: 'reviews.org_claims',
        label: '机构认领审核',
        route: 'admin.reviews.org_claims.index',
        roles: ['reviewer'],
        count: () => import('#orgs/queries/reviews').then((m) => m.pendingClaimCount()),
      },
      {
        group: 'reviews',
        order: 52,
        key: 'reviews.org_cases',
        label: '机构变更/申诉审核',
        route: 'admin.reviews.org_cases.index',
        roles: ['reviewer'],
        count: () => import('#orgs/queries/reviews').then((m) => m.pendingCaseCount()),
      },
      {
        group: 'reviews',
        order: 55,
        key: 'orgs.bank_outbox',
        label: '沙箱打款记录',
        route: 'admin.orgs.bank_outbox',
        roles: ['reviewer'],
      },
      {
        group: 'reviews',
        order: 56,
        key: 'orgs.transfers',
        label: '管理员移交记录',
        route: 'admin.orgs.transfers.index',
        roles: ['reviewer'],
      },
    ],
    figures: [
      {
        order: 95,
        label: '待审核机构认领',
        route: 'admin.reviews.org_claims.index',
        roles: ['reviewer'],
        value: () => import('#orgs/queries/reviews').then((m) => m.pendingClaimCount()),
      },
    ],
    auditSubjects: {
      org: '机构',
      org_membership: '机构成员',
      org_claim: '机构认领',
      org_application: '机构成员申请',
      org_case: '机构变更/申诉',
      org_bank_transfer: '对公打款',
      org_transfer: '管理员移交',
    },
  },
})
