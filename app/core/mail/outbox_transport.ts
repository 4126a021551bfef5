import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * The `outbox` mailer of @adonisjs/mail (MAIL_DRIVER=outbox, the sandbox
 * default): a message is written to `mail_outbox` for staff to read in the
 * back office (邮件发件箱) instead of leaving the machine.
 */
function addresses(list: NodeMailerMessage['to']): string {
  return (list ?? [])
    .map((r) => (typeof r === 'string' ? r : r.address))
    .join(', ')
    .slice(0, 200)
}

export class OutboxTransport implements MailTransportContract {
  async send(message: NodeMailerMessage) {
    const id = randomUUID()
    const from = message.from
      ? typeof message.from === 'string'
        ? message.from
        : message.from.address
      : null
    const attachments = (message.attachments ?? []).map((a) => ({
      filename: a.filename || 'attachment',
      size: Buffer.isBuffer(a.content)
        ? a.content.length
        : typeof a.content === 'string'
          ? a.content.length
          : null,
      contentType: a.contentType ?? null,
    }))
    const to = addresses(message.to)
    await db.table('mail_outbox').insert({
      id,
      to_address: to,
      from_address: from,
      subject: String(message.subject ?? '').slice(0, 200),
      text: typeof message.text === 'string' ? message.text : null,
      attachments: JSON.stringify(attachments),
      created_at: new Date(),
    })
    return new MailResponse(id, { from: from ?? false, to: to.split(', ') } as any, undefined)
  }
}
