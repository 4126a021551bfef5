import type { HttpContext } from '@adonisjs/core/http'
import { dashboardCounters } from '#admin/back_office'

/**
 * 工作台: counts from each module's queries (applicants, pending
 * reviews, orders to make, ...), only those the staff member's roles see,
 * and 待办: the work queues of those roles (from the menu, with their
 * pending counts).
 */
export default class DashboardController {
  async index({ view, bouncer, auth }: HttpContext) {
    await bouncer.authorize('accessBackOffice')
    const counters = await dashboardCounters(auth.use('admin').user!)
    return view.render('admin/dashboard', { counters })
  }
}
