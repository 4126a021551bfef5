/**
 * A gateway's daily statement (对账单) as WeChat Pay and Alipay provide it:
 *  - WeChat Pay (交易账单, ALL): a header row 交易时间,公众账号ID,…,商户订单号,…,交易状态,…,
 *    应结订单金额,…,订单金额,… then rows whose values start with a backtick (`), then a
 *    summary block (总交易单数,…);
 *  - Alipay (业务明细): lines starting with # (comments), a header row 支付宝交易号,商户订单号,
 *    业务类型,…,订单金额（元）,…, rows, then # 业务明细列表结束 and totals.
 * Payments (WeChat 交易状态 SUCCESS; Alipay 业务类型 交易) come out as `rows`
 * { outTradeNo, amountFen }; refunds (WeChat 交易状态 REFUND with 商户退款单号
 * and 退款金额; Alipay 业务类型 退款 with 退款批次号/请求号 and a negative
 * amount) as `refunds` { outTradeNo, refundNo, amountFen } (amount positive).
 */
export interface StatementRow {
  outTradeNo: string
  amountFen: number
  transactionId: string | null
}

export interface StatementRefundRow {
  outTradeNo: string
  /** our refund number (out_refund_no / out_request_no) */
  refundNo: string | null
  amountFen: number
}

function cells(line: string): string[] {
  const out: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"'
        i++
      } else quoted = !quoted
    } else if (c === ',' && !quoted) {
      out.push(current)
      current = ''
    } else current += c
  }
  out.push(current)
  return out.map((v) => v.trim().replace(/^`/, '').trim())
}

function fen(value: string | undefined): number | null {
  if (!value || !/^-?\d+(\.\d{1,2})?$/.test(value)) return null
  const [yuan, cents = ''] = value.replace('-', '').split('.')
  const amount = Number(yuan) * 100 + Number((cents + '00').slice(0, 2))
  return value.startsWith('-') ? -amount : amount
}

export class StatementError extends Error {}

export function parseStatement(text: string): {
  gateway: 'wechatpay' | 'alipay'
  rows: StatementRow[]
  refunds: StatementRefundRow[]
} {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const headerIndex = lines.findIndex((l) => !l.startsWith('#') && l.includes('商户订单号'))
  if (headerIndex < 0) throw new StatementError('无法识别对账单：找不到“商户订单号”列')
  const header = cells(lines[headerIndex])
  const col = (name: string) => header.indexOf(name)
  const wechat = col('交易状态') >= 0
  const orderCol = col('商户订单号')
  const amountCol = wechat
    ? col('订单金额') >= 0
      ? col('订单金额')
      : col('应结订单金额')
    : col('订单金额（元）')
  const statusCol = wechat ? col('交易状态') : col('业务类型')
  const txCol = wechat ? col('微信订单号') : col('支付宝交易号')
  const refundNoCol = wechat ? col('商户退款单号') : col('退款批次号/请求号')
  const refundAmountCol = wechat ? col('退款金额') : amountCol
  if (amountCol < 0 || statusCol < 0) throw new StatementError('无法识别对账单：缺少金额或状态列')
  const rows: StatementRow[] = []
  const refunds: StatementRefundRow[] = []
  for (const line of lines.slice(headerIndex + 1)) {
    if (!line.trim() || line.startsWith('#')) continue
    const values = cells(line)
    if (values.length < header.length - 2) break
    if (values[0] === '总交易单数' || values[0].startsWith('总')) break
    const status = values[statusCol]
    if (wechat ? status === 'REFUND' : status === '退款') {
      const refundFen = fen(values[refundAmountCol])
      if (!values[orderCol] || refundFen === null) continue
      refunds.push({
        outTradeNo: values[orderCol],
        refundNo: (refundNoCol >= 0 ? values[refundNoCol] : '') || null,
        amountFen: Math.abs(refundFen),
      })
      continue
    }
    if (wechat ? status !== 'SUCCESS' : status !== '交易') continue
    const amountFen = fen(values[amountCol])
    if (!values[orderCol] || amountFen === null) continue
    rows.push({
      outTradeNo: values[orderCol],
      amountFen,
      transactionId: txCol >= 0 ? values[txCol] || null : null,
    })
  }
  return { gateway: wechat ? 'wechatpay' : 'alipay', rows, refunds }
}
