import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import type { InvoiceIssueRequest, InvoiceIssueResult, InvoiceProvider } from './contract.js'
import { InvoiceProviderError } from './contract.js'

/**
 * A tax-platform e-invoice service over HTTPS (JSON). Requests carry
 * `X-App-Id`, `X-Timestamp`, `X-Nonce` and `X-Signature` = hex
 * HMAC-SHA256(secret, appId \n timestamp \n nonce \n body); answers are
 * signed the same way (`X-Signature` over timestamp \n nonce \n body) and
 * refused when the signature does not match. `out_request_no` makes the
 * call idempotent at the service.
 */
export interface HttpInvoiceConfig {
  url: string
  appId: string
  secret: string
  timeoutMs: number
}

export function signInvoiceRequest(secret: string, parts: string[]) {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('hex')
}

export class HttpInvoiceProvider implements InvoiceProvider {
  readonly name = 'http' as const
  readonly sandbox = false

  constructor(private readonly config: HttpInvoiceConfig) {}

  async issue(request: InvoiceIssueRequest): Promise<InvoiceIssueResult> {
    if (!this.config.url) throw new InvoiceProviderError('电子发票服务未配置')
    const body = JSON.stringify({
      out_request_no: request.requestNo,
      direction: request.direction,
      original_number: request.originalNumber ?? undefined,
      invoice_type: request.kind === 'special' ? '026' : '028',
      buyer: {
        name: request.buyer.name,
        tax_number: request.buyer.taxNumber ?? '',
        email: request.buyer.email,
        address_phone: [request.buyer.address, request.buyer.phone].filter(Boolean).join(' '),
        bank_account: [request.buyer.bank, request.buyer.account].filter(Boolean).join(' '),
      },
      seller: { name: request.seller.name, tax_number: request.seller.taxNumber },
      lines: request.lines.map((l) => ({
        name: l.name,
        amount: (l.amountFen / 100).toFixed(2),
        tax: (l.taxFen / 100).toFixed(2),
      })),
      total: (request.amountFen / 100).toFixed(2),
      total_tax: (request.taxFen / 100).toFixed(2),
      tax_rate: (request.taxRateBp / 10000).toFixed(2),
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = randomUUID().replace(/-/g, '')
    const signature = signInvoiceRequest(this.config.secret, [
      this.config.appId,
      timestamp,
      nonce,
      body,
    ])
    let response: Response
    try {
      response = await fetch(`${this.config.url.replace(/\/+$/, '')}/invoices`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-app-id': this.config.appId,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      })
    } catch (error) {
      throw new InvoiceProviderError('电子发票服务暂时无法连接，请稍后重试', { cause: error })
    }
    const text = await response.text()
    const expected = signInvoiceRequest(this.config.secret, [
      response.headers.get('x-timestamp') ?? '',
      response.headers.get('x-nonce') ?? '',
      text,
    ])
    const given = response.headers.get('x-signature') ?? ''
    if (
      given.length !== expected.length ||
      !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    ) {
      throw new InvoiceProviderError('电子发票服务的应答签名无效')
    }
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      throw new InvoiceProviderError('电子发票服务的应答无法识别')
    }
    if (!response.ok || json.code !== 0 || typeof json.data?.number !== 'string') {
      throw new InvoiceProviderError(
        `电子发票服务拒绝开票：${String(json.message ?? response.status).slice(0, 100)}`
      )
    }
    return { number: json.data.number, issuedAt: new Date(json.data.issued_at ?? Date.now()) }
  }
}
