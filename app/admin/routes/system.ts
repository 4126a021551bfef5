import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * Back-office pages of the "system" area: staff (工作人员), the signed-in
 * staff member's password, the SMS outbox (短信发件箱), the audit log
 * (审计日志) and the job queue (任务队列): back-office pages (#core/http/back_office_routes),
 * a Bouncer policy in every action.
 */
const admin = controllers.admin

backOfficeRoutes(() => {
  /* update answers PUT only, as the edit form sends it (a resource's update would add PATCH) */
  router.resource('staff', admin.Staff).only(['index', 'create', 'store', 'show', 'edit'])
  router.put('/staff/:id', [admin.Staff, 'update']).as('staff.update')
  memberActions('/staff/:id', admin.Staff, ['deactivate', 'activate'], 'staff')
  router.get('/staff/:id/password', [admin.Staff, 'editPassword']).as('staff.password')
  router.post('/staff/:id/password', [admin.Staff, 'resetPassword']).as('staff.password.reset')

  router.get('/profile/password', [admin.Profile, 'editPassword']).as('profile.password')
  router.post('/profile/password', [admin.Profile, 'updatePassword']).as('profile.password.update')

  router.get('/sms', [admin.SmsOutbox, 'index']).as('sms.index')

  router.get('/audit', [admin.AuditLogs, 'index']).as('audit.index')
  memberActions('/audit', admin.AuditLogs, ['verify'], 'audit')
  router.get('/audit/:seq', [admin.AuditLogs, 'show']).as('audit.show')

  router.get('/jobs', [admin.Jobs, 'index']).as('jobs.index')
  memberActions('/jobs/:id', admin.Jobs, ['retry'], 'jobs')
})
