import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * Back-office pages of the "system" area: staff (工作人员), the signed-in
 * staff member's password, the SMS outbox (短信发件箱), the audit log
 * (审计日志) and the job queue (任务队列): back-office pages (#core/http/back_office_routes),
 * a Bouncer policy in every action.
 */
backOfficeRoutes(() => {
  router.get('/staff', [controllers.admin.Staff, 'index']).as('staff.index')
  router.get('/staff/create', [controllers.admin.Staff, 'create']).as('staff.create')
  router.post('/staff', [controllers.admin.Staff, 'store']).as('staff.store')
  router.get('/staff/:id', [controllers.admin.Staff, 'show']).as('staff.show')
  router.get('/staff/:id/edit', [controllers.admin.Staff, 'edit']).as('staff.edit')
  router.put('/staff/:id', [controllers.admin.Staff, 'update']).as('staff.update')
  router
    .post('/staff/:id/deactivate', [controllers.admin.Staff, 'deactivate'])
    .as('staff.deactivate')
  router.post('/staff/:id/activate', [controllers.admin.Staff, 'activate']).as('staff.activate')
  router.get('/staff/:id/password', [controllers.admin.Staff, 'editPassword']).as('staff.password')
  router
    .post('/staff/:id/password', [controllers.admin.Staff, 'resetPassword'])
    .as('staff.password.reset')

  router
    .get('/profile/password', [controllers.admin.Profile, 'editPassword'])
    .as('profile.password')
  router
    .post('/profile/password', [controllers.admin.Profile, 'updatePassword'])
    .as('profile.password.update')

  router.get('/sms', [controllers.admin.SmsOutbox, 'index']).as('sms.index')

  router.get('/audit', [controllers.admin.AuditLogs, 'index']).as('audit.index')
  router.post('/audit/verify', [controllers.admin.AuditLogs, 'verify']).as('audit.verify')
  router.get('/audit/:seq', [controllers.admin.AuditLogs, 'show']).as('audit.show')

  router.get('/jobs', [controllers.admin.Jobs, 'index']).as('jobs.index')
  router.post('/jobs/:id/retry', [controllers.admin.Jobs, 'retry']).as('jobs.retry')
})
