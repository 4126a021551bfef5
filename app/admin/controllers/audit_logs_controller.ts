import type { HttpContext } from '@adonisjs/core/http'
import SystemPolicy from '#admin/policies/system_policy'
import { NotFoundError } from '#core/rule_error'
import {
  ACTOR_TYPES,
  actorTypeLabel,
  auditActionLabel,
  auditFilterOptions,
  auditIntegrity,
  checkEntry,
  findAuditEntry,
  listAuditLogs,
  neighbourSeqs,
  parseAuditFilters,
  subjectTypeLabeller,
} from '#admin/queries/audit_logs'

/**
 * 审计日志: the hash-chained log with filters, one entry's detail, and the
 * chain's integrity check.
 */
export default class AuditLogsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(SystemPolicy).authorize('viewAuditLog')
    const { filters, page } = parseAuditFilters(request.qs())
    const [integrity, options, list] = [
      await auditIntegrity(),
      await auditFilterOptions(),
      await listAuditLogs(filters, page),
    ]
    return view.render('admin/audit/index', {
      integrity,
      list,
      query: filters,
      actionOptions: options.actions,
      subjectTypeOptions: options.subjectTypes,
      actorTypes: ACTOR_TYPES,
      auditActionLabel,
      actorTypeLabel,
      subjectTypeLabel: await subjectTypeLabeller(),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(SystemPolicy).authorize('viewAuditLog')
    const seq = /^\d{1,15}$/.test(String(params.seq)) ? Number(params.seq) : null
    const entry = seq ? await findAuditEntry(seq) : null
    if (!entry) throw new NotFoundError('该审计记录不存在')
    const data = entry.details
    return view.render('admin/audit/show', {
      entry,
      check: await checkEntry(entry),
      neighbours: await neighbourSeqs(Number(entry.seq)),
      dataJson: data === null ? null : JSON.stringify(data, null, 2),
      rawData: entry.data,
      auditActionLabel,
      actorTypeLabel,
      subjectTypeLabel: await subjectTypeLabeller(),
    })
  }

  /**
   * 重新校验: walk the whole chain now.
   */
  async verify({ bouncer, response, session }: HttpContext) {
    await bouncer.with(SystemPolicy).authorize('verifyAuditLog')
    const result = await auditIntegrity({ fresh: true })
    if (result.ok) session.flash('success', `校验完成：审计日志完整，共 ${result.checked} 条记录`)
    else session.flash('error', `校验完成：审计日志在第 ${result.brokenAt} 条记录处断开`)
    return response.redirect().toRoute('admin.audit.index')
  }
}
