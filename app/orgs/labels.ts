import { REVIEW_STATES } from '#core/lifecycle'

/**
 * The organisations module's words in one place: kinds, roles, claim
 * methods, application types, 驳回类型, and the refusals users read.
 */
export const ORG_KINDS = { enterprise: '企业单位', institution: '事业单位' } as const
export type OrgKind = keyof typeof ORG_KINDS

export const ROLES = { legal_rep: '法定代表人', admin: '管理员', member: '员工' } as const
export type MemberRole = 'admin' | 'member'
export const MEMBER_ROLES: Record<MemberRole, string> = { admin: '管理员', member: '员工' }

export const CLAIM_METHODS = {
  phone: {
    label: '法定代表人手机号认证',
    help: '运营商三要素核验法定代表人姓名、身份证号与手机号，并验证短信验证码',
  },
  deposit: {
    label: '对公账户打款认证',
    help: '向企业对公账户打款 0.01 元，回填打款附言中的 6 位验证码',
  },
  signing: {
    label: '法定代表人在线签署',
    help: '法定代表人手写签名并验证短信验证码；申请人不是法定代表人时，签署链接以短信发送给法定代表人',
  },
  review: {
    label: '上传授权委托书（人工审核）',
    help: '上传加盖公章的授权委托书，由 CA 工作人员审核营业执照与授权委托书',
  },
} as const
export type ClaimMethod = keyof typeof CLAIM_METHODS

export const APPLICATION_TYPES = { join: '加入企业', seal: '用章权限', leave: '退出企业' } as const
export type ApplicationType = keyof typeof APPLICATION_TYPES

/** what the applicant sees of an org admin's decision (审核管理): the review preset in its words */
export const APPLICATION_STATES = {
  ...REVIEW_STATES,
  approved: { label: '已审核', tone: 'success' },
  rejected: { label: '已退回', tone: 'danger' },
} as const

/** 驳回类型 an org admin picks when returning an application */
export const APPLICATION_REASON_TYPES = {
  not_staff: '非本单位人员',
  info_mismatch: '申请信息有误',
  no_need: '无需开通该权限',
  other: '其他',
} as const

export const CASE_KINDS = {
  change_name: '企业名称变更',
  change_legal_rep: '法定代表人变更',
  appeal: '机构申诉',
} as const
export type CaseKind = keyof typeof CASE_KINDS

export const ORG_TEXTS = {
  notFound: '机构不存在或您无权访问',
  adminOnly: '仅机构管理员可以进行此操作',
  needRealName: '请先完成实名认证后再认领或加入机构',
  alreadyClaimed: '该机构已被认领，不能重复认领。如认领人信息有误，可提交机构申诉',
  claimInProgress: '您已提交该机构的认领申请，请等待处理结果',
  nameTooShort: '机构名称至少输入 5 个字',
  searchEmpty: '请输入机构名称或统一社会信用代码',
  alreadyMember: '您已是该机构成员',
  pendingApplication: '您已提交申请，请等待管理员审核',
  adminMismatch: '管理员姓名或手机号后四位不正确',
  tooManyTries: '验证次数过多，请稍后再试',
  depositWrong: '打款附言验证码不正确',
  depositExpired: '打款验证码已过期，请重新发起认领',
  depositTooMany: '验证码错误次数过多，本次认领已失效，请重新发起认领',
  lastAdmin: '机构至少需要一名管理员，请先将管理员移交给其他成员',
  memberNotFound: '未找到该手机号的实名用户，或姓名与实名信息不一致',
} as const
