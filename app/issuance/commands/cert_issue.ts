import { flags } from '@adonisjs/core/ace'
import { OfficeCommand } from '#core/office_command'
import { readFile } from 'node:fs/promises'

/**
 * Issue a certificate from a CSR file, for offline work and scripts.
 * Prints the certificate (PEM) on stdout; messages go to stderr.
 */
export default class CertIssue extends OfficeCommand {
  static commandName = 'cert:issue'
  static description = '根据证书请求文件（CSR）签发证书，输出 PEM'

  @flags.string({ description: 'PKCS#10 证书请求文件（PEM 或 DER）', required: true })
  declare csr: string

  @flags.string({
    description: '证书类型：personal（个人）、expert（专家）、enterprise（机构）',
    required: true,
  })
  declare profile: string

  @flags.string({ description: '主题名称：姓名或机构名称（CN）', required: true })
  declare name: string

  @flags.string({ description: '证件号码或统一社会信用代码', required: true })
  declare id: string

  @flags.string({ description: '机构名称（O，专家证书可填所在单位）' })
  declare org: string

  @flags.number({ description: '有效期（年），默认 1' })
  declare years: number

  @flags.string({ description: '业务参考号（如订单号）' })
  declare reference: string

  async perform() {
    const { issueFromCsr } = await import('#issuance/actions/issue_certificate')
    const { isProfile } = await import('#issuance/services/profiles')
    const { formatTime } = await import('#core/time')
    if (!isProfile(this.profile)) {
      this.refuse('--profile 应为 personal、expert 或 enterprise')
    }
    const csr = await readFile(this.csr).catch(() =>
      this.refuse(`无法读取证书请求文件：${this.csr}`)
    )
    const cert = await issueFromCsr({
      csrPem: csr,
      profile: this.profile,
      subject: { name: this.name, idNumber: this.id, organization: this.org || null },
      validity: { years: this.years ?? 1 },
      reference: this.reference ?? null,
      actor: { type: 'system', name: 'ace cert:issue' },
    })
    // the PEM alone on stdout (`> cert.pem`), the note on stderr
    this.logger.log(cert.pem.trimEnd())
    this.logger.logError(
      `已签发证书，序列号 ${cert.serial.toUpperCase()}，有效期至 ${formatTime(cert.notAfter)}`
    )
  }
}
