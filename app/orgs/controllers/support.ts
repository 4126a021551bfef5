import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendCodeFromForm } from '#accounts/http/form_support'
import { secretFields } from '#core/form_secrets'
import type { Applicant } from '#accounts/queries/users'
import { inspectUpload } from '#core/uploads'
import { RuleError } from '#core/rule_error'
import { flashPrefill, prefillForm } from '#ocr/actions/form_prefill'
import { takeKeptPhoto } from '#ocr/actions/kept_photos'
import { LICENCE_RULE } from '#orgs/services/files'
import { CONSENT_PURPOSE, legalRepPhoneOf } from '#orgs/actions/members'
import type Org from '#orgs/models/org'
import type OrgTransfer from '#orgs/models/org_transfer'
import { sendPrivateFile } from '#core/http/private_file'
import { orgNotFound } from '#orgs/errors'

/**
 * Helpers of the organisations' controllers: the signed-in applicant, and
 * the 获取验证码 button of a form without JavaScript (send the code, keep
 * every field, return to the form).
 */
export function applicantOf(ctx: HttpContext): Applicant {
  return ctx.auth.use('web').user as unknown as Applicant
}

const NEVER_FLASH = [
  '_csrf',
  '_method',
  'intent',
  'licence',
  'letter',
  'signature',
  'signature_data',
]

export { wantsCode } from '#accounts/http/form_support'

/** the 获取验证码 button: accounts' form helper, never keeping the files and the signature */
export function sendCodeAndReturn(
  ctx: HttpContext,
  options: { purpose: string; phone: string; to: string; phoneField?: string }
) {
  return sendCodeFromForm(ctx, { ...options, neverKeep: NEVER_FLASH })
}

/**
 * 获取验证码 on a step the 法定代表人 consents to (管理员移交 on the
 * device, 注销机构): the consent code to the legal representative's phone,
 * back to the form `page`.
 */
export function sendConsentCodeAndReturn(
  ctx: HttpContext,
  org: Org,
  page: 'orgs.transfer.create' | 'orgs.deregister.create'
) {
  return sendCodeAndReturn(ctx, {
    purpose: CONSENT_PURPOSE,
    phone: legalRepPhoneOf(org),
    to: urlFor(page, { id: org.id }),
  })
}

/** the legal representative's signature of a transfer, inline (after the caller's authorisation) */
export function sendTransferSignature(ctx: HttpContext, transfer: OrgTransfer) {
  if (!transfer.signatureKey) orgNotFound()
  const type = transfer.signatureType ?? 'png'
  return sendPrivateFile(ctx, {
    key: transfer.signatureKey,
    type,
    name: `法定代表人签名-${transfer.requestNo}.${type}`,
    disposition: 'inline',
  })
}

/**
 * 识别营业执照并填入 (intent=ocr): the licence chosen (or the one kept
 * from an earlier 识别) is read (#ocr) and the form comes back with its
 * empty inputs filled, the photo kept (`licence_token`), typed values
 * that differ from the licence marked. Nothing is submitted.
 */
export async function readLicenceIntoForm(
  ctx: HttpContext,
  inputs: Record<string, string>,
  expected?: Record<string, string>
) {
  const owner = applicantOf(ctx).id
  const file = ctx.request.file('licence')
  let photo
  if (file) {
    const checked = await inspectUpload(file, LICENCE_RULE)
    if (!checked.ok) throw new RuleError(checked.message, { field: 'licence' })
    photo = { buffer: checked.buffer, type: checked.type }
  } else {
    const token = String(ctx.request.input('licence_token') ?? '')
    if (!token) throw new RuleError('请选择营业执照照片', { field: 'licence' })
    photo = await takeKeptPhoto(token, owner, 'licence')
  }
  const prefill = await prefillForm(photo, 'licence', {
    owner,
    field: 'licence',
    inputs,
    typed: ctx.request.all(),
    expected,
  })
  flashPrefill(ctx.session, prefill, {
    tokenField: 'licence_token',
    except: [...NEVER_FLASH, 'licence_token', ...secretFields(ctx.request.all())],
  })
}

/**
 * The licence of a submission: the file chosen, else the photo kept when
 * it was read (an expired or other person's token is refused at the field).
 */
export async function licenceOf(ctx: HttpContext) {
  const file = ctx.request.file('licence')
  const token = String(ctx.request.input('licence_token') ?? '')
  if (file || !token) return file
  return takeKeptPhoto(token, applicantOf(ctx).id, 'licence')
}

/** the legal representative's signature as a signing form posts it (pad, else photo) */
export function signatureOf(ctx: HttpContext) {
  return {
    signatureData: ctx.request.input('signature_data'),
    signatureFile: ctx.request.file('signature'),
  }
}
