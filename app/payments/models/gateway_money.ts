import { column } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import { jsonColumn, type UuidModel } from '#core/orm'
import { PAYMENT_METHODS, type PaymentMethod } from '#payments/labels'

/**
 * The columns a payment and a refund both have, money of one order that
 * moves through a gateway: the order, the payer, the method, the amount
 * and what the gateway said (kept under a label by `remember`).
 */
export function withGatewayMoney<T extends NormalizeConstructor<typeof UuidModel>>(superclass: T) {
  class GatewayMoney extends superclass {
    @column()
    declare orderNo: string

    @column()
    declare userId: string

    @column()
    declare method: PaymentMethod

    @column()
    declare amountFen: number

    @column(jsonColumn)
    declare gatewayData: Record<string, unknown> | null

    get methodLabel() {
      return PAYMENT_METHODS[this.method] ?? this.method
    }

    /**
     * Keep what a gateway said, under a label (create, notify, query, …).
     */
    remember(label: string, data: unknown) {
      this.gatewayData = { ...(this.gatewayData ?? {}), [label]: data }
    }
  }
  return GatewayMoney
}
