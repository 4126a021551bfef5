import { defineModule } from '#core/modules'

/**
 * admin: the back-office shell (sign-in, dashboard, staff, SMS outbox,
 * audit log). Every other module declares its own area in its module
 * file; #admin/back_office puts them together.
 */
export default defineModule({
  name: 'admin',
  boot: () => import('#admin/actions/staff_accounts'),
  backOffice: {
    routes: () => import('#admin/routes'),
    menu: [
      {
        group: 'overview',
        order: 10,
        key: 'dashboard',
        label: '工作台',
        route: 'admin.dashboard',
        roles: 'all',
      },
      {
        group: 'users',
        order: 20,
        key: 'staff.index',
        label: '工作人员',
        route: 'admin.staff.index',
        roles: ['super_admin'],
      },
      {
        group: 'system',
        order: 10,
        key: 'sms.index',
        label: '短信发件箱',
        route: 'admin.sms.index',
        roles: ['super_admin', 'operator'],
      },
      {
        group: 'system',
        order: 20,
        key: 'audit.index',
        label: '审计日志',
        route: 'admin.audit.index',
        roles: ['super_admin'],
      },
      {
        group: 'system',
        order: 30,
        key: 'jobs.index',
        label: '任务队列',
        route: 'admin.jobs.index',
        roles: ['super_admin'],
        // failed and stuck background jobs
        count: () => import('#core/queue/queries').then((m) => m.countProblemJobs()),
      },
    ],
    figures: [
      {
        order: 10,
        label: '在用工作人员',
        route: 'admin.staff.index',
        qs: { status: 'active' },
        roles: ['super_admin'],
        value: () => import('#admin/queries/staff_list').then((m) => m.countActiveStaff()),
      },
      {
        order: 20,
        label: '今日短信',
        route: 'admin.sms.index',
        roles: ['operator'],
        value: () => import('#core/sms/queries').then((m) => m.countSmsToday()),
      },
      {
        order: 30,
        label: '今日短信发送失败',
        route: 'admin.sms.index',
        qs: { status: 'failed' },
        roles: ['operator'],
        value: () => import('#core/sms/queries').then((m) => m.countSmsToday('failed')),
      },
      {
        order: 40,
        label: '今日审计记录',
        route: 'admin.audit.index',
        roles: ['super_admin'],
        value: () => import('#admin/queries/audit_logs').then((m) => m.countAuditToday()),
      },
    ],
    auditSubjects: { staff: '工作人员' },
  },
})
