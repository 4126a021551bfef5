import logger from '@adonisjs/core/services/logger'
import { Job } from '#core/queue/jobs'

/**
 * Republish each CA's CRL before it expires (revocations publish at once
 * on their own; this keeps an unchanged CRL from running past its
 * nextUpdate), and warn when an offline root's pre-signed CRL is about to
 * run out. Scheduled by app/issuance/background.ts; runs on the job
 * queue, so exactly one instance publishes, and a failure is retried
 * with backoff and shows on the back office's 任务队列 page.
 */
export default class CrlRefreshJob extends Job<Record<string, never>> {
  static options = { name: 'issuance.crl_refresh', maxRetries: 3 }
  static label = '定期刷新 CRL'

  async execute() {
    const { refreshDueCrls, offlineRootsDue } = await import('#issuance/actions/crl')
    const published = await refreshDueCrls()
    for (const crl of published) {
      logger.info(`CRL #${crl.crlNumber} of CA ${crl.caId} published (${crl.entries} entries)`)
    }
    // an offline root's pre-signed CRL cannot be refreshed here: say so before it runs out
    for (const due of await offlineRootsDue()) {
      logger.warn(
        `根 CA ${due.caId} 的预签 CRL 与 OCSP 响应将于 ${due.nextUpdate?.toISOString() ?? '?'} 到期：请取出离线根密钥文件运行 node ace ca:root-crl --key-file <文件>`
      )
    }
  }
}
