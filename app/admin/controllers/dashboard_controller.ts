import type { HttpContext } from '@adonisjs/core/http'
import { dashboardCounters } from '#admin/dashboard'

/**
 * 工作台: counts that each module contributes (applicants, pending
 * reviews, orders to make, ...).
 */
export default class DashboardController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.authorize('accessBackOffice')
    const counters = await dashboardCounters.collect()
    return view.render('admin/dashboard', { counters })
  }
}
