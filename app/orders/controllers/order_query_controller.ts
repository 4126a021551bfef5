import type { HttpContext } from '@adonisjs/core/http'
import {
  QUERY_KINDS,
  queriedOrders,
  sendQueryCode,
  verifyQuery,
  type QueryKind,
} from '#orders/actions/order_query'
import { orderQueryValidator } from '#orders/validators'

/**
 * 订单查询 without an account session (manual 002 §6): kind + number + SMS
 * code, then the orders of that number for half an hour.
 */
export default class OrderQueryController {
  async show({ view }: HttpContext) {
    return view.render('orders/query/form', { kinds: QUERY_KINDS })
  }

  async verify(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(orderQueryValidator)
    if (payload.intent === 'send_code') {
      const message = await sendQueryCode(payload.kind, payload.idNumber, ctx.request.ip())
      ctx.session.flashExcept(['_csrf', 'sms_code'])
      ctx.session.flash('success', message)
      return ctx.response.redirect().toRoute('orders.query.show')
    }
    const query = await verifyQuery(payload.kind, payload.idNumber, payload.smsCode)
    ctx.session.put('order_query', query)
    return ctx.response.redirect().toRoute('orders.query.results')
  }

  async results(ctx: HttpContext) {
    const query = ctx.session.get('order_query') as
      { kind: QueryKind; idNumber: string; until: number } | undefined
    if (!query || query.until < Date.now()) {
      ctx.session.forget('order_query')
      ctx.session.flash('info', '查询已过期，请重新验证')
      return ctx.response.redirect().toRoute('orders.query.show')
    }
    return ctx.view.render('orders/query/results', {
      kind: QUERY_KINDS[query.kind],
      maskedId: query.idNumber.slice(0, 4) + '**********' + query.idNumber.slice(-4),
      rows: await queriedOrders(query.kind, query.idNumber),
    })
  }
}
