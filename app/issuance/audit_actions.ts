import { registerAuditActions } from '#core/audit/audit_service'

/**
 * Chinese labels of the CA's audit entries (those of 注销 / 冻结 / 解冻
 * come with the certificate lifecycle, certificate_lifecycle.ts).
 */
registerAuditActions({
  'issuance.ca.init': '初始化 CA',
  'issuance.ca.pki_url': '修改 PKI 地址（CRL/OCSP/CA 证书下载地址）',
  'issuance.ca.root_crl': '离线根 CA 重新签发 CRL 与 OCSP 响应',
  'issuance.ca.rewrap_custody': '云证书密钥改由托管密钥保护',
  'issuance.ca.subject_id_key': '查看证书主题证件号哈希密钥',
  'issuance.crl.publish': '发布证书吊销列表（CRL）',
  'issuance.certificate.issue': '签发证书',
  'issuance.certificate.issue_pair': '签发云证书（签名+加密）',
  'issuance.certificate.renew': '更新证书',
  'issuance.certificate.change': '变更证书信息',
  'issuance.certificate.reissue': '补办证书（更换密钥）',
  'issuance.credential.pin_change': '修改云证书 PIN 码',
  'issuance.credential.pin_unlock': '解锁云证书 PIN 码',
  'issuance.credential.pin_wrong': '云证书 PIN 码输入错误',
  'issuance.credential.sign': '使用云证书签名',
  'issuance.credential.decrypt': '使用云证书解密数字信封',
  'issuance.credential.export': '导出云证书 PKCS#12',
  'issuance.key.recover': '恢复加密密钥',
})
