import { OfficeCommand } from '#core/office_command'

/**
 * Publish a new CRL for every CA (a new CRL number each).
 */
export default class CrlPublish extends OfficeCommand {
  static commandName = 'crl:publish'
  static description = '立即为每个 CA 发布新的证书吊销列表（CRL）'

  async perform() {
    const { publishAllCrls } = await import('#issuance/actions/crl')
    const { formatTime } = await import('#core/time')
    const crls = await publishAllCrls({
      actor: { type: 'system', name: 'ace crl:publish' },
      note: '命令行发布',
    })
    if (crls.length === 0) {
      this.logger.warning('CA 尚未初始化，请运行 node ace ca:init')
      this.exitCode = 1
      return
    }
    for (const crl of crls) {
      this.logger.success(
        `CA ${crl.caId}：CRL 第 ${crl.crlNumber} 号，${crl.entries} 条，下次更新 ${formatTime(crl.nextUpdate)}`
      )
    }
  }
}
