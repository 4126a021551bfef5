import { maskPhone } from '#core/validation/identity'

/**
 * The accounts module's user-facing sentences, in one place.
 */
export const ACCOUNT_TEXTS = {
  passwordMismatch: '两次输入的密码不一致',
  phoneTaken: '该手机号已注册，请直接登录；如忘记密码，可通过“忘记密码”找回',
  phoneDeregistered: '该手机号对应的账号已注销，如需找回账号，请进行账号申诉',
  phoneUsedByOther: '该手机号已被其他账号使用',
  phoneSameAsCurrent: '新手机号不能与当前手机号相同',
  emailTaken: '该邮箱已被其他账号使用',
  accountFrozen: '该账号已被冻结，请联系客服',
  wrongCredentials: '账号或密码错误',
  currentPasswordWrong: '当前密码不正确',
  samePassword: '新密码不能与当前密码相同',
  needPasswordFirst: '您还没有设置登录密码，请先设置密码',
  accountPhoneMismatch: '账号与绑定手机号不一致',
  idNumberMismatch: '证件号码与账号登记的信息不一致',
  pendingPhoneRequest: '您已有一条待审核的手机号变更申请，请等待审核结果或先撤回',
  pendingAppeal: '该账号已有一条待审核的申诉，请耐心等待审核结果',
  appealNoMatch: '未找到与该身份证号和姓名匹配的已注销账号，请核对后重新输入',
  registered: '注册成功，欢迎使用',
  loggedOut: '您已安全退出',
  passwordReset: '密码已重置，请使用新密码登录',
  passwordChanged: '密码修改成功，其他设备已退出登录',
  passwordSet: '登录密码设置成功',
  profileUpdated: '您已成功修改个人信息',
  phoneChanged: '手机号更换成功',
  setPasswordPrompt: '您是通过短信验证码登录的新用户，建议设置登录密码，以便使用手机号 + 密码登录',
}

export function codeSentMessage(phone: string) {
  return `验证码已发送至 ${maskPhone(phone)}`
}

export function lockedMessage(wait: string) {
  return `登录失败次数过多，账号已被锁定，请 ${wait}后再试`
}

export function networkLockedMessage(wait: string) {
  return `当前网络登录失败次数过多，请 ${wait}后再试`
}
