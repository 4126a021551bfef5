import { fillOfficeSections } from '#core/office_text'

/**
 * The office's certificate service contract (数字证书服务电子合同) that an
 * applicant signs by hand before applying (manual 003 §3.2.1). Our own
 * text: edit it here and raise `version` (each signed contract keeps the
 * version it was signed in). {office}, {hotline} and {address} come from
 * config/office.ts (.env).
 */
export interface ContractText {
  title: string
  version: string
  sections: Array<{ heading: string; paragraphs: string[] }>
}

const CONTRACT: ContractText = {
  title: '数字证书服务电子合同',
  version: '2026 年第 1 版',
  sections: [
    {
      heading: '第1条 合同双方',
      paragraphs: [
        '甲方为{office}（以下简称“甲方”），是依法设立的电子认证服务机构；乙方为申请并使用甲方数字证书及电子印章服务的个人或机构（以下简称“乙方”）。',
      ],
    },
    {
      heading: '第2条 甲方的权利和义务',
      paragraphs: [
        '1. 甲方依据《中华人民共和国电子签名法》和电子认证业务规则，为乙方签发数字证书、制作电子印章，并提供证书查询、更新、注销和撤销服务。',
        '2. 甲方对乙方提交的身份信息和申请材料进行审核，并对乙方的个人信息予以保密，法律法规另有规定的除外。',
      ],
    },
    {
      heading: '第3条 乙方的权利和义务',
      paragraphs: [
        '1. 乙方应提供真实、完整、准确的身份信息和申请材料，因信息虚假造成的后果由乙方承担。',
        '2. 乙方应妥善保管数字证书、证书 PIN 码和电子印章，不得转借他人使用；发现证书或私钥泄露，应立即向甲方申请撤销证书。',
        '3. 乙方使用数字证书和电子印章所作的电子签名，与手写签名或者盖章具有同等的法律效力。',
      ],
    },
    {
      heading: '第4条 证书的撤销',
      paragraphs: [
        '有下列情形之一的，甲方有权撤销乙方的证书：乙方提供的信息不真实；证书对应私钥泄露或证书的安全性得不到保证；乙方未按规定缴纳证书费用；乙方违反法律法规或本合同；证书被他人冒用；法律法规规定的其他情形。证书撤销后，与之绑定的电子印章同时注销。',
      ],
    },
    {
      heading: '第5条 其他',
      paragraphs: [
        '1. 甲方不对意外事件或不可抗力导致的服务中断承担责任。',
        '2. 本合同如有修订，甲方将在本系统公布；乙方不接受修订的，可申请注销证书。',
        '3. 本合同适用中华人民共和国法律；发生争议时双方协商解决，协商不成的，提交甲方所在地人民法院管辖。如有疑问，请拨打 {hotline} 或到 {address} 咨询。',
        '4. 乙方确认已认真阅读并完全理解本合同的各项条款。本合同由乙方手写签名确认、甲方以电子认证服务机构的数字证书签章后生效。',
      ],
    },
  ],
}

export function contractText(): ContractText {
  return {
    ...CONTRACT,
    sections: fillOfficeSections(CONTRACT.sections),
  }
}
