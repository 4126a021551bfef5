import db from '@adonisjs/lucid/services/db'

/**
 * 邮件发件箱 (the sandbox's kept mail), newest first.
 */
export interface OutboxMail {
  id: string
  to: string
  from: string | null
  subject: string
  text: string | null
  attachments: Array<{ filename: string; size: number | null; contentType: string | null }>
  createdAt: Date
}

function row(r: any): OutboxMail {
  let attachments = []
  try {
    attachments = JSON.parse(r.attachments ?? '[]')
  } catch {}
  return {
    id: r.id,
    to: r.to_address,
    from: r.from_address,
    subject: r.subject,
    text: r.text,
    attachments,
    createdAt: new Date(r.created_at),
  }
}

export async function outboxMails(filters: { to?: string } = {}, limit = 100) {
  const query = db.from('mail_outbox').orderBy('created_at', 'desc').limit(limit)
  if (filters.to) query.where('to_address', 'like', `%${filters.to.replace(/[%_]/g, '')}%`)
  const rows = await query
  return rows.map(row)
}
