import { BackOfficePolicy } from '#core/staff'

/**
 * 系统: the SMS outbox, the audit log and the job queue.
 */
export default class SystemPolicy extends BackOfficePolicy {
  /** 短信发件箱: super admins and operators (who help applicants waiting for a code) */
  viewSmsOutbox(actor: unknown) {
    return this.hasRole(actor, 'operator')
  }

  /** 审计日志 and its integrity check: super admins only */
  viewAuditLog(actor: unknown) {
    return this.isSuperAdmin(actor)
  }

  verifyAuditLog(actor: unknown) {
    return this.isSuperAdmin(actor)
  }

  /** 任务队列 (failed and stuck background jobs, 重试): super admins only */
  manageJobs(actor: unknown) {
    return this.isSuperAdmin(actor)
  }
}
