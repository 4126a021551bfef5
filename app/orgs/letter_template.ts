import officeConfig from '#config/office'

/**
 * 授权委托书 (template download): the text a claimant prints, has signed
 * by the legal representative and stamped with the official seal, and
 * uploads with a claim or an org change.
 */
export function authorisationLetter(): string {
  const office = officeConfig.name
  return [
    '\uFEFF授权委托书',
    '',
    `致${office}：`,
    '',
    '兹授权 __________（身份证号：____________________，手机号：___________）',
    '作为本单位的机构管理员，在数字证书在线自助办理系统中代表本单位办理机构认领、',
    '成员管理、数字证书申请及相关业务。被授权人在授权范围内办理的事项，本单位均予以承认。',
    '',
    '单位名称（盖章）：______________________________',
    '统一社会信用代码：______________________________',
    '法定代表人（签字）：____________________________',
    '法定代表人身份证号：____________________________',
    '',
    '日期：______年____月____日',
    '',
  ].join('\r\n')
}
