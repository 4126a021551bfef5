import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from './message.js'

export const MESSAGE_CATEGORIES = {
  system: '系统通知',
  account: '账号安全',
  order: '订单进度',
  review: '审核结果',
  certificate: '证书',
  notice: '通知公告',
} as const

export type MessageCategory = keyof typeof MESSAGE_CATEGORIES

export interface NewMessage {
  category: MessageCategory
  title: string
  body: string
  link?: string | null
}

export class MessageService {
  async send(userId: string, message: NewMessage, trx?: TransactionClientContract) {
    return Message.create(
      {
        userId,
        category: message.category,
        title: message.title,
        body: message.body,
        link: message.link ?? null,
        readAt: null,
      },
      { client: trx }
    )
  }

  async latest(userId: string, limit = 10) {
    return Message.query()
      .where('user_id', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
  }

  async paginate(
    userId: string,
    page: number,
    perPage = 15,
    filters: { category?: string; unread?: boolean } = {}
  ) {
    const query = Message.query().where('user_id', userId)
    if (filters.category && filters.category in MESSAGE_CATEGORIES)
      query.where('category', filters.category)
    if (filters.unread) query.whereNull('read_at')
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').paginate(page, perPage)
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await Message.query()
      .where('user_id', userId)
      .whereNull('read_at')
      .count('* as total')
      .first()
    return Number(row?.$extras.total ?? 0)
  }

  /**
   * The user's own message, or null (never another user's).
   */
  async findForUser(userId: string, id: string) {
    return Message.query().where('user_id', userId).where('id', id).first()
  }

  async markRead(message: Message) {
    if (!message.readAt) {
      message.readAt = DateTime.utc()
      await message.save()
    }
    return message
  }

  async markAllRead(userId: string) {
    await Message.query()
      .where('user_id', userId)
      .whereNull('read_at')
      .update({ read_at: DateTime.utc().toSQL({ includeOffset: false }) })
  }
}

const messages = new MessageService()
export default messages
