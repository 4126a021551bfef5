import { defineModule } from '#core/modules'

/**
 * accounts: applicants' pages, real-name verification, and the back
 * office's applicants and account reviews (see app/accounts/README.md).
 */
export default defineModule({
  name: 'accounts',
  routes: async () => {
    await import('#accounts/routes')
    await import('#accounts/realname/routes')
  },
  boot: () => import('#accounts/registrations'),
  backOffice: {
    routes: () => import('#accounts/admin_routes'),
    menu: [
      {
        group: 'reviews',
        order: 20,
        key: 'reviews.real_name',
        label: '实名认证审核',
        route: 'admin.reviews.real_name.index',
        roles: ['reviewer'],
        count: () => import('#accounts/queries/reviews').then((m) => m.pendingRealNameCount()),
      },
      {
        group: 'reviews',
        order: 30,
        key: 'reviews.phone_changes',
        label: '手机号变更审核',
        route: 'admin.reviews.phone_changes.index',
        roles: ['reviewer'],
        count: () => import('#accounts/queries/reviews').then((m) => m.pendingPhoneRequestCount()),
      },
      {
        group: 'reviews',
        order: 40,
        key: 'reviews.appeals',
        label: '账号申诉审核',
        route: 'admin.reviews.appeals.index',
        roles: ['reviewer'],
        count: () => import('#accounts/queries/reviews').then((m) => m.pendingAppealCount()),
      },
      {
        group: 'users',
        order: 10,
        key: 'applicants.index',
        label: '申请人',
        route: 'admin.applicants.index',
        roles: 'all',
      },
    ],
    figures: [
      {
        order: 50,
        label: '申请人总数',
        route: 'admin.applicants.index',
        roles: 'all',
        value: () => import('#accounts/queries/users').then((m) => m.countApplicants()),
      },
      {
        order: 60,
        label: '待审核手机号变更',
        route: 'admin.reviews.phone_changes.index',
        roles: ['reviewer'],
        value: () => import('#accounts/queries/reviews').then((m) => m.pendingPhoneRequestCount()),
      },
      {
        order: 70,
        label: '待审核账号申诉',
        route: 'admin.reviews.appeals.index',
        roles: ['reviewer'],
        value: () => import('#accounts/queries/reviews').then((m) => m.pendingAppealCount()),
      },
      {
        order: 90,
        label: '待审核实名认证',
        route: 'admin.reviews.real_name.index',
        roles: ['reviewer'],
        value: () => import('#accounts/queries/reviews').then((m) => m.pendingRealNameCount()),
      },
    ],
    auditSubjects: {
      user: '申请人',
      person: '自然人',
      real_name_request: '实名认证申请',
      phone_change_request: '手机号变更申请',
      account_appeal: '账号申诉',
    },
  },
})
