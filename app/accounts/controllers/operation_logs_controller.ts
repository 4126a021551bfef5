import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { isoDate, page, text } from '#core/http/list_filters'
import type User from '#accounts/models/user'
import {
  findUserLogEntry,
  paginateUserLogs,
  presentEntry,
  userLogActionTypes,
} from '#accounts/queries/operation_logs'

/**
 * 操作日志: the applicant's own entries, by type and date range
 * (Asia/Shanghai days), with a detail page.
 */
export default class OperationLogsController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.use('web').user as User
    const qs = request.qs()
    const query = {
      action: text(qs.action) ?? '',
      from: isoDate(qs.from) ?? '',
      to: isoDate(qs.to) ?? '',
    }
    const list = await paginateUserLogs(user.id, query, page(qs.page))
    return view.render('accounts/logs/index', {
      list,
      entries: list.all().map((e) => presentEntry(e, user.id)),
      types: await userLogActionTypes(user.id),
      query,
    })
  }

  async show({ auth, params, view }: HttpContext) {
    const user = auth.use('web').user as User
    const entry = await findUserLogEntry(user.id, String(params.ref))
    if (!entry) throw new NotFoundError('该操作记录不存在')
    return view.render('accounts/logs/show', { entry: presentEntry(entry, user.id) })
  }
}
