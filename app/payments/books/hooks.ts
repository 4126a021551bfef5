/**
 * What the finance books need from higher modules, filled at boot: the
 * trading platform of each order (orders) and the amount invoiced per
 * order (invoices). Without them the books show "—".
 */
export type OrderPlatforms = (
  orderNos: string[]
) => Promise<Map<string, { id: string; name: string }>>
export type InvoicedAmounts = (orderNos: string[]) => Promise<Map<string, number>>

let platforms: OrderPlatforms | null = null
let invoiced: InvoicedAmounts | null = null
let platformList: (() => Promise<Array<{ id: string; name: string }>>) | null = null

export function registerOrderPlatforms(
  fn: OrderPlatforms,
  list: () => Promise<Array<{ id: string; name: string }>>
) {
  platforms = fn
  platformList = list
}

export function registerInvoicedAmounts(fn: InvoicedAmounts) {
  invoiced = fn
}

export const bookHooks = {
  async platforms(orderNos: string[]) {
    return platforms && orderNos.length
      ? platforms(orderNos)
      : new Map<string, { id: string; name: string }>()
  },
  async invoiced(orderNos: string[]) {
    return invoiced && orderNos.length ? invoiced(orderNos) : new Map<string, number>()
  },
  async platformList() {
    return platformList ? platformList() : []
  },
}
