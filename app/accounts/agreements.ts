import { fillOfficeSections } from '#core/office_text'

/**
 * The office's own legal texts shown at registration, SMS login and
 * deregistration (/agreements/<name>). Edit this file to adapt them; the
 * office's name, hotline and address come from config/office.ts (.env).
 * {office}, {hotline}, {address} are replaced when a text is shown.
 */
export interface AgreementSection {
  heading: string
  paragraphs: string[]
}

export interface Agreement {
  name: string
  title: string
  version: string
  sections: AgreementSection[]
}

const TEXTS: Agreement[] = [
  {
    name: 'service',
    title: '用户服务协议',
    version: '2024 年第 1 版',
    sections: [
      {
        heading: '一、协议的范围',
        paragraphs: [
          '本协议是您与{office}（以下简称“本中心”）之间关于注册、登录和使用数字证书在线自助办理系统（以下简称“本系统”）的约定。您勾选同意或以短信验证码方式登录本系统，即表示您已阅读并接受本协议的全部内容。',
          '本系统为您在线办理数字证书的新办、更新、变更、补办、解锁、注销等业务，提供资料上传、在线支付、进度查询、发票和消息通知等服务。',
        ],
      },
      {
        heading: '二、账号注册与使用',
        paragraphs: [
          '您应当以真实、准确、完整的身份信息注册账号：自然人应填写本人姓名和有效证件号码，机构/企业应填写与营业执照一致的机构名称、统一社会信用代码和法定代表人。',
          '账号以您绑定的手机号标识。您应妥善保管登录密码和短信验证码，不得将账号出借、转让给他人使用。通过您的账号进行的操作视为您本人的操作。',
          '发现账号被他人使用或手机号不再由您使用时，请立即修改密码、在“登录设备”中退出可疑设备，或申请更换手机号，并可致电 {hotline} 求助。',
        ],
      },
      {
        heading: '三、申请材料的真实性',
        paragraphs: [
          '您对所填写的信息和上传材料的真实性、合法性、有效性负责。因提供虚假信息、伪造材料或隐瞒事实所引起的法律后果由您自行承担，本中心有权拒绝或撤销相应的证书业务。',
          '本中心依据《中华人民共和国电子签名法》及电子认证业务规则对申请进行审核，审核结果和原因将通过站内消息和短信通知您。',
        ],
      },
      {
        heading: '四、费用与发票',
        paragraphs: [
          '证书及相关服务的收费标准以办理页面公示为准。支付成功后，您可以在线申请开具电子发票。审核未通过的订单在补充材料后重新提交，无需再次支付。',
        ],
      },
      {
        heading: '五、服务的变更与中止',
        paragraphs: [
          '为保障系统安全，本中心可能在必要时进行维护并提前公告。您违反本协议或法律法规的，本中心有权暂停或终止向您提供服务，并冻结相关账号。',
        ],
      },
      {
        heading: '六、其他',
        paragraphs: [
          '本协议的解释和争议处理适用中华人民共和国法律。如有疑问，请拨打客服电话 {hotline}，或到 {address} 咨询。',
        ],
      },
    ],
  },
  {
    name: 'privacy',
    title: '隐私政策',
    version: '2024 年第 1 版',
    sections: [
      {
        heading: '一、我们收集的信息',
        paragraphs: [
          '为办理数字证书，我们会收集：手机号、姓名、证件类型和号码、所在行政区；机构/企业的名称、统一社会信用代码、法定代表人；您上传的证件照片和申请材料；登录时的 IP 地址、浏览器信息和操作记录。',
        ],
      },
      {
        heading: '二、信息的用途',
        paragraphs: [
          '上述信息仅用于身份核验、证书签发与管理、订单和发票处理、账号安全保护（如登录设备管理、异常登录提醒）以及依法履行电子认证服务机构的留存义务。',
          '我们不会将您的个人信息用于与上述目的无关的用途，也不会出售您的个人信息。',
        ],
      },
      {
        heading: '三、信息的保存与保护',
        paragraphs: [
          '您的密码和短信验证码以不可逆方式加密保存；证件照片等材料保存在非公开存储中，仅经授权的工作人员在审核时可以查看。所有审核和管理操作均记录在防篡改的审计日志中。',
          '依据《中华人民共和国电子签名法》，与数字证书相关的信息将在证书失效后保存不少于五年。',
        ],
      },
      {
        heading: '四、信息的共享',
        paragraphs: [
          '仅在为您办理业务所必需时（如向您选择的交易平台提供证书信息、通过短信服务商向您发送验证码），或依法律法规、司法机关要求时，我们才会共享必要的信息。',
        ],
      },
      {
        heading: '五、您的权利',
        paragraphs: [
          '您可以在个人中心查看和更正您的基本信息，查看登录设备和操作日志，修改密码和手机号，或注销账号。注销后如需恢复，可通过“账号申诉”提交申请。',
          '如对本政策有任何疑问，请拨打客服电话 {hotline}。',
        ],
      },
    ],
  },
  {
    name: 'deregistration',
    title: '账号注销须知',
    version: '2024 年第 1 版',
    sections: [
      {
        heading: '注销后果',
        paragraphs: [
          '1. 注销后，您将无法再使用该账号及其绑定的手机号、邮箱登录本系统，所有已登录的设备将被立即退出。',
          '2. 账号下的订单、发票、消息和操作日志将不再向您开放查询；其中与数字证书相关的记录将依法保存至证书失效后五年，期满后删除。',
          '3. 通过该账号享有的服务和权益将同时终止，未使用的优惠不予保留。',
          '4. 注销后，该手机号不能用于注册新账号。',
        ],
      },
      {
        heading: '注销条件',
        paragraphs: [
          '账号下不能有状态为“正常”或“冻结”的数字证书，也不能有未完成的订单（待支付、待审核、待制证、已发货未签收、退款中等）。如有，请先办结或注销相应证书和订单。',
        ],
      },
      {
        heading: '找回账号',
        paragraphs: [
          '如注销后需要恢复账号，请在登录页点击“账号申诉”，填写身份证号、真实姓名和联系电话，经工作人员审核通过后账号将恢复为正常状态。',
        ],
      },
    ],
  },
]

export function findAgreement(name: string): Agreement | null {
  const agreement = TEXTS.find((t) => t.name === name)
  if (!agreement) return null
  return {
    ...agreement,
    sections: fillOfficeSections(agreement.sections),
  }
}

export function agreementNames() {
  return TEXTS.map((t) => ({ name: t.name, title: t.title }))
}
