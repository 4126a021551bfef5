import { exponentialBackoff } from '@adonisjs/queue'
import { Job } from '#core/queue/jobs'

/**
 * 发送电子发票邮件: enqueued with the issuing of an invoice (blue or red),
 * delayed; a no-op when the send right after the commit went through. A
 * failure is recorded on the invoice and retried with backoff; out of
 * retries it stays as 失败 on 任务队列 with a 重试 button. Sent once
 * (emailed_at under a lock).
 */
export default class SendInvoiceMailJob extends Job<{ invoiceId: string }> {
  static options = {
    name: 'invoices.send_mail',
    maxRetries: 8,
    retry: { backoff: exponentialBackoff({ baseDelay: '1m', maxDelay: '2h' }) },
  }
  static label = '发送电子发票邮件'

  async execute() {
    const { sendInvoiceMail } = await import('#invoices/actions/invoice_mail')
    await sendInvoiceMail(this.payload.invoiceId)
  }
}
