import type { HttpContext } from '@adonisjs/core/http'
import sms from '#core/sms/sms_service'
import SystemPolicy from '#admin/policies/system_policy'
import {
  SMS_DRIVERS,
  SMS_STATUSES,
  listSmsMessages,
  parseSmsFilters,
  purposeLabel,
  visibleContent,
} from '#core/sms/queries'

/**
 * 短信发件箱: every SMS the system sent (or kept, in sandbox mode).
 */
export default class SmsOutboxController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(SystemPolicy).authorize('viewSmsOutbox')
    const { filters, page } = parseSmsFilters(request.qs())
    const list = await listSmsMessages(filters, page)
    return view.render('admin/sms/index', {
      list,
      query: filters,
      sandbox: sms.sandbox,
      driverName: sms.driver.name,
      statuses: SMS_STATUSES,
      drivers: SMS_DRIVERS,
      purposeLabel,
      visibleContent,
    })
  }
}
