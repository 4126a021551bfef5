import { defineJob } from '#core/queue/jobs'

/**
 * 发送电子发票邮件: enqueued with the issuing of an invoice (blue or red),
 * delayed; a no-op when the send right after the commit went through. A
 * failure is recorded on the invoice and retried with backoff; out of
 * retries it stays as 失败 on 任务队列 with a 重试 button. Sent once
 * (emailed_at under a lock).
 */
export default defineJob<{ invoiceId: string }>({
  name: 'invoices.send_mail',
  label: '发送电子发票邮件',
  backoff: ['1m', '2h'],
  run: ({ invoiceId }) =>
    import('#invoices/actions/invoice_mail').then((m) => m.sendInvoiceMail(invoiceId)),
})
