import type { HttpContext } from '@adonisjs/core/http'
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
      action: typeof qs.action === 'string' ? qs.action : '',
      from: typeof qs.from === 'string' ? qs.from : '',
      to: typeof qs.to === 'string' ? qs.to : '',
    }
    const page = Math.max(1, Number(qs.page) || 1)
    const list = await paginateUserLogs(user.id, query, page)
    return view.render('accounts/logs/index', {
      list,
      entries: list.all().map((e) => presentEntry(e, user.id)),
      types: await userLogActionTypes(user.id),
      query,
    })
  }

  async show({ auth, params, view, response }: HttpContext) {
    const user = auth.use('web').user as User
    const entry = await findUserLogEntry(user.id, String(params.ref))
    if (!entry) return response.notFound()
    return view.render('accounts/logs/show', { entry: presentEntry(entry, user.id) })
  }
}
