import { defineModule } from '#core/modules'
import { defineStaffRole } from '#core/staff'

defineStaffRole('integrator', '平台集成', '交易平台适配器的启用与配置、接口调用与回调记录')

/**
 * platforms: trading-platform adapters, QR sessions (login, sign,
 * encrypt, decrypt), bindings, 待办, the integrator API and webhooks; see
 * app/platforms/README.md.
 */
export default defineModule({
  name: 'platforms',
  routes: () => import('#platforms/routes'),
  boot: () => import('#platforms/registrations'),
  backOffice: {
    routes: () => import('#platforms/admin_routes'),
    menu: [
      {
        group: 'catalog',
        order: 60,
        key: 'platforms.integrations',
        label: '平台集成',
        route: 'admin.platforms.integrations.index',
        roles: ['integrator'],
        count: () => import('#platforms/queries/admin').then((m) => m.failedWebhookCount()),
      },
    ],
    auditSubjects: {
      platform_integration: '平台集成',
      platform_session: '扫码会话',
      platform_account: '平台账号',
      platform_task: '平台待办',
    },
  },
})
