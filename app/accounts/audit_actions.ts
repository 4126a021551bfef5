import { registerAuditActions } from '#core/audit/audit_service'
import { registerSmsPurposes } from '#core/sms/sms_service'

/**
 * Chinese labels of the accounts module's audit actions (操作日志 and the
 * back office's audit viewer). The transitions of its lifecycles and
 * reviews are labelled by their definitions (account_lifecycle.ts,
 * appealReview, phoneChangeReview, realNameReview).
 */
export const ACCOUNT_AUDIT_ACTIONS = {
  'accounts.user.register': '注册账号',
  'accounts.user.register_by_sms': '短信验证码登录自动注册',
  'accounts.session.login': '登录',
  'accounts.session.login_failed': '登录失败',
  'accounts.session.logout': '退出登录',
  'accounts.password.reset': '找回密码',
  'accounts.password.change': '修改密码',
  'accounts.password.set': '设置登录密码',
  'accounts.profile.update': '修改个人信息',
  'accounts.phone.change': '更换手机号',
  'accounts.device.revoke': '退出登录设备',
  'accounts.device.revoke_others': '退出其他所有设备',
} as const

registerAuditActions(ACCOUNT_AUDIT_ACTIONS)

/**
 * Labels of the data keys written by this module (and common ones of
 * other modules), for the entry detail page of 操作日志.
 */
export const AUDIT_DATA_LABELS: Record<string, string> = {
  method: '方式',
  phone: '手机号',
  oldPhone: '原手机号',
  newPhone: '新手机号',
  email: '邮箱',
  accountType: '账号类型',
  identifier: '登录账号',
  reason: '原因',
  device: '设备',
  devices: '退出设备数',
  requestNo: '申请编号',
  fields: '修改项',
  source: '申请途径',
  restoredPhone: '恢复后的手机号',
  orderNo: '订单号',
  serialNumber: '证书序列号',
  status: '状态',
  from: '原状态',
  to: '新状态',
  amount: '金额（分）',
  title: '标题',
  name: '名称',
  count: '数量',
  purpose: '用途',
  provider: '核验服务',
  message: '结果说明',
  reported: '回调结果',
}

/**
 * Readable values for a few coded data values.
 */
export const AUDIT_VALUE_LABELS: Record<string, Record<string, string>> = {
  method: {
    password: '密码登录',
    sms: '短信验证码登录',
    sms_register: '短信验证码',
    online: '身份证核验',
    face: '人脸识别',
    bank_card: '银行卡四要素',
    operator: '运营商三要素',
    manual: '人工审核',
  },
  purpose: { real_name: '本账号实名认证' },
  provider: { sandbox: '沙箱', http: '正式服务' },
  accountType: { person: '自然人', org: '机构/企业' },
  source: { account: '个人中心', guest: '忘记密码页' },
  fields: {
    name: '姓名',
    email: '邮箱',
    region_code: '所在行政区',
    org_name: '机构名称',
    legal_rep_name: '法定代表人',
  },
}

registerSmsPurposes({
  'notice:phone_changed': '手机号更换提醒',
  'notice:phone_request': '手机号变更审核结果',
  'notice:deregistered': '账号注销通知',
  'notice:appeal': '账号申诉审核结果',
  'review:real_name': '实名认证审核结果',
})
