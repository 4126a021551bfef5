import { registerAuditActions } from '#core/audit/audit_service'
import { onCertificateIssued } from '#certificates/actions/issue_hooks'
import { loadAdapters } from '#platforms/adapters/registry'
import '#platforms/actions/package_orders'
import '#platforms/actions/seal_package_orders'
import { registerPlatformUnbinder } from '#certificates/actions/unbind'
import { detachForCertificates } from '#platforms/actions/accounts'

/**
 * Boot: the audit labels and the adapters found in their folders.
 */
registerAuditActions({
  'platforms.integration.create': '启用平台集成',
  'platforms.integration.update': '修改平台集成配置',
  'platforms.integration.enable': '启用平台集成',
  'platforms.integration.disable': '停用平台集成',
  'platforms.integration.rotate_secret': '重置平台接口密钥',
  'platforms.integration.test': '测试平台连接',
  'platforms.session.create': '平台创建扫码会话',
  'platforms.session.scan': '扫码',
  'platforms.session.complete': '扫码授权',
  'platforms.session.abort': '取消扫码',
  'platforms.session.expire': '扫码会话过期',
  'platforms.account.open': '开通交易平台',
  'platforms.account.bind': '平台证书绑定',
  'platforms.account.unbind': '平台证书解绑',
  'platforms.task.push': '平台推送待办',
  'platforms.task.sign': '签署待办',
  'platforms.task.refuse': '拒签待办',
  'platforms.certificate.notify': '向交易平台发送发证通知',
  'platforms.package.grant': '开通平台套餐',
  'platforms.package.extend': '平台套餐延期',
})

/* 证书解绑 on 我的证书 undoes the binding this module knows (one record, the certificates module's) */
registerPlatformUnbinder(detachForCertificates)

/* notifyIssued: the platform of the order hears of its certificate (queued, once) */
onCertificateIssued('platforms.notify_issued', (certificate) =>
  import('#platforms/actions/issued').then((m) => m.notifyIssued(certificate))
)

await loadAdapters()
