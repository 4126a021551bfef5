import vine from '@vinejs/vine'
import { ChineseMessagesProvider } from '#core/validation/messages'
import { withFieldLabels } from '#core/validation/messages'
import { rules, strongPasswordRule } from '#core/validation/rules'
import { staffRoleKeys } from '#core/staff'

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  roles: '角色',
  current_password: '当前密码',
  password_mode: '初始密码方式',
  must_change_password: '首次登录修改密码',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS)

export const staffLoginValidator = createValidator({
  username: vine.string().trim().toLowerCase().minLength(2).maxLength(50),
  password: vine.string().minLength(1).maxLength(100),
})

const staffMessages = new ChineseMessagesProvider(
  {
    'username.regex': '用户名为 3-30 位字母、数字、下划线、点或短横线，以字母开头',
    'username.minLength': '用户名为 3-30 位字母、数字、下划线、点或短横线，以字母开头',
    'username.maxLength': '用户名为 3-30 位字母、数字、下划线、点或短横线，以字母开头',
    'roles.required': '请至少选择一个角色',
    'roles.array.minLength': '请至少选择一个角色',
    'roles.*.enum': '请选择有效的角色',
    'roles.enum': '请选择有效的角色',
    'password.required': '请填写初始密码',
    'password_confirmation.sameAs': '两次输入的密码不一致',
    'password_confirmation.required': '请再次输入密码',
    'name.minLength': '姓名至少 2 个字符',
  },
  FIELD_LABELS
)

const roles = () => vine.array(vine.enum(staffRoleKeys())).minLength(1).distinct()
const staffName = () => vine.string().trim().minLength(2).maxLength(50)
const optionalPhone = () => rules.phone().optional()

/**
 * How a staff member's password is set (on creation and on reset): generated
 * and shown once, or typed by the admin (strong, confirmed); optionally to be
 * changed at the first sign-in.
 */
function initialPassword() {
  return {
    password_mode: vine.enum(['generate', 'manual']),
    password: vine
      .string()
      .use(strongPasswordRule())
      .optional()
      .requiredWhen('password_mode', '=', 'manual'),
    password_confirmation: vine
      .string()
      .sameAs('password')
      .optional()
      .requiredWhen('password_mode', '=', 'manual'),
    must_change_password: vine.boolean().optional(),
  }
}

/**
 * 新增工作人员. The initial password is either generated (shown once) or
 * typed by the super admin (then twice, and it must meet the rule).
 */
export const createStaffValidator = createValidator({
  username: vine
    .string()
    .trim()
    .toLowerCase()
    .minLength(3)
    .maxLength(30)
    .regex(/^[a-z][a-z0-9_.-]{2,29}$/),
  name: staffName(),
  phone: optionalPhone(),
  roles: roles(),
  ...initialPassword(),
})
createStaffValidator.messagesProvider = staffMessages

export const updateStaffValidator = createValidator({
  name: staffName(),
  phone: optionalPhone(),
  roles: roles(),
})
updateStaffValidator.messagesProvider = staffMessages

export const resetStaffPasswordValidator = createValidator({
  ...initialPassword(),
})
resetStaffPasswordValidator.messagesProvider = staffMessages

/**
 * A staff member's own password: current + new + confirm.
 */
export const changeOwnPasswordValidator = createValidator({
  current_password: vine.string().minLength(1).maxLength(100),
  password: rules.password(),
  password_confirmation: vine.string().sameAs('password'),
})
changeOwnPasswordValidator.messagesProvider = new ChineseMessagesProvider(
  {
    'password.required': '请填写新密码',
    'password_confirmation.required': '请再次输入新密码',
    'password_confirmation.sameAs': '两次输入的新密码不一致',
  },
  FIELD_LABELS
)
