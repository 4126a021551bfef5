import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { REVOCATION_REASONS } from '#issuance/certificate_lifecycle'

/**
 * Each form of the back office's certificate page has its own field
 * names, so that an error shows next to the form that was sent. The
 * validators hand the controller camelCase payloads (`.toCamelCase()`).
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
export const revokeValidator = createValidator(
  vine
    .object({
      revocation_reason: vine.enum(
        Object.keys(REVOCATION_REASONS) as Array<keyof typeof REVOCATION_REASONS>
      ),
      revoke_note: note(),
    })
    .toCamelCase()
)

export const suspendValidator = createValidator(vine.object({ suspend_note: note() }).toCamelCase())

export const resumeValidator = createValidator(vine.object({ resume_note: note() }).toCamelCase())
