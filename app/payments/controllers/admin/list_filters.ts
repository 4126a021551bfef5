import { isoDate, page, text } from '#core/http/list_filters'

/**
 * The filters of finance's lists (支付记录, 退款管理): order number, method,
 * status and a date range — as typed (`query`, kept in the form) and as
 * the search takes them (`filters`), with the page asked for.
 */
export function financeListFilters(qs: Record<string, any>, orderNoMax: number) {
  const query = {
    order_no: text(qs.order_no, orderNoMax) ?? '',
    method: text(qs.method, 20) ?? '',
    status: text(qs.status, 20) ?? '',
    from: isoDate(qs.from) ?? '',
    to: isoDate(qs.to) ?? '',
  }
  const filters = {
    orderNo: query.order_no,
    method: query.method,
    status: query.status,
    from: query.from,
    to: query.to,
  }
  return { query, filters, page: page(qs.page) }
}
