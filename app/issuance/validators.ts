import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { REVOCATION_REASONS } from '#issuance/services/lifecycle'

/**
 * Each form of the certificate page has its own field names, so that an
 * error shows next to the form that was sent.
 */
const FIELD_LABELS: Record<string, string> = {
  revocation_reason: '注销原因',
  revoke_note: '原因说明',
  suspend_note: '冻结原因',
  resume_note: '解冻原因',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS)

const note = () => vine.string().trim().minLength(2).maxLength(500)

/**
 * 注销证书 (back office): an RFC 5280 reason and a written explanation.
 */
export const revokeValidator = createValidator({
  revocation_reason: vine.enum(
    Object.keys(REVOCATION_REASONS) as Array<keyof typeof REVOCATION_REASONS>
  ),
  revoke_note: note(),
})

export const suspendValidator = createValidator({ suspend_note: note() })

export const resumeValidator = createValidator({ resume_note: note() })
