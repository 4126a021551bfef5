/**
 * The invoices module's words.
 */
export const TITLE_TYPES = { personal: '个人', company: '单位' } as const

/** 订单类型 of 我的发票 (which orders a request may cover) */
export const ORDER_TYPES = { ca: 'CA证书', info: '信息服务', platform: '平台服务' } as const
export type OrderType = keyof typeof ORDER_TYPES

/** 数电发票 kinds: 普票 always, 专票 where the office offers it */
export const INVOICE_KINDS = { normal: '数电普票', special: '数电专票' } as const

export const DIRECTIONS = { blue: '蓝字发票', red: '红字发票' } as const
