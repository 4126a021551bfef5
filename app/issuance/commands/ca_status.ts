import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The chain, fingerprints, expiry and CRL of each CA, and the counts of
 * issued certificates by status.
 */
export default class CaStatus extends BaseCommand {
  static commandName = 'ca:status'
  static description = '显示 CA 证书链、指纹、有效期、CRL 编号及证书数量'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { listCas, certificateCounts, pkiUrls } = await import('#issuance/queries/ca')
    const { offlineRootsDue } = await import('#issuance/actions/crl')
    const { formatTime } = await import('#core/time')
    const cas = await listCas()
    if (cas.length === 0) {
      this.logger.warning('CA 尚未初始化，请运行 node ace ca:init')
      this.exitCode = 1
      return
    }
    for (const ca of cas) {
      this.logger.log('')
      this.logger.log(`${ca.kindLabel}${ca.isCurrent ? '' : '（已停用）'}  ${ca.id}`)
      this.logger.log(`  主题：      ${ca.subjectDn}`)
      this.logger.log(`  序列号：    ${ca.serial}`)
      this.logger.log(
        `  密钥：      ${ca.keyAlgorithm} ${ca.keyBits} 位${ca.keyOffline ? '（离线保存）' : ''}`
      )
      this.logger.log(`  有效期：    ${formatTime(ca.notBefore)} 至 ${formatTime(ca.notAfter)}`)
      this.logger.log(`  SHA-256：   ${ca.sha256Fingerprint}`)
      this.logger.log(`  SHA-1：     ${ca.sha1Fingerprint}`)
      if (ca.crl) {
        this.logger.log(
          `  CRL：       第 ${ca.crl.number} 号，${ca.crl.entries} 条，发布于 ${formatTime(ca.crl.thisUpdate)}，下次更新 ${formatTime(ca.crl.nextUpdate)}`
        )
      } else {
        this.logger.log('  CRL：       尚未发布')
      }
      this.logger.log(`  证书下载：  ${ca.certUrl}`)
      this.logger.log(`  CRL 下载：  ${ca.crlUrl}`)
    }
    const counts = await certificateCounts()
    const urls = pkiUrls()
    this.logger.log('')
    this.logger.log(`PKI 地址：${urls.base}`)
    this.logger.log(`OCSP：${urls.ocsp}`)
    for (const due of await offlineRootsDue()) {
      this.logger.warning(
        `离线根 CA 的预签 CRL 与 OCSP 响应将于 ${due.nextUpdate ? formatTime(due.nextUpdate) : '?'} 到期，请运行 node ace ca:root-crl --key-file <文件>`
      )
    }
    this.logger.log(
      `已签发证书 ${counts.total} 张：正常 ${counts.valid}，冻结 ${counts.suspended}，已注销 ${counts.revoked}，已过期 ${counts.expired}`
    )
  }
}
