import type { HttpContext } from '@adonisjs/core/http'
import { inspectUpload } from '#core/uploads'
import { ID_PHOTO_RULE } from '#accounts/actions/phone_changes'
import { AccountError } from '#accounts/errors'
import { sendCodeFromForm } from '#accounts/http/form_support'

/**
 * What the three phone forms share (更换手机号, and 变更手机号 when the old
 * phone is lost, signed in or from the forgot-password page): the code of
 * 获取验证码 goes to the new phone, and the ID photo is checked by content
 * and size before anything else (refused at its field).
 */
export function sendNewPhoneCode(ctx: HttpContext) {
  return sendCodeFromForm(ctx, { purpose: 'change_phone', phoneField: 'new_phone' })
}

export async function idPhotoFrom(request: HttpContext['request']) {
  const photo = await inspectUpload(request.file('id_photo'), ID_PHOTO_RULE)
  if (!photo.ok) throw new AccountError(photo.message, 'id_photo')
  return photo
}
