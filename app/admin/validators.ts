import vine from '@vinejs/vine'
import { registerFieldLabels } from '#core/validation/messages'

registerFieldLabels({ username: '用户名' })

export const staffLoginValidator = vine.create({
  username: vine.string().trim().minLength(2).maxLength(50),
  password: vine.string().minLength(1).maxLength(100),
})
