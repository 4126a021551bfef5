import logger from '@adonisjs/core/services/logger'
import { onServerReady } from '#core/background'

/**
 * While the server runs, republish each CA's CRL before it expires
 * (revocations publish at once on their own; this keeps an unchanged
 * CRL from running past its nextUpdate), and warn when an offline root's
 * pre-signed CRL is about to run out.
 */
onServerReady('issuance: CRL refresh', async () => {
  const { refreshDueCrls, offlineRootsDue } = await import('#issuance/actions/crl')
  const run = async () => {
    try {
      const published = await refreshDueCrls()
      for (const crl of published) {
        logger.info(`CRL #${crl.crlNumber} of CA ${crl.caId} published (${crl.entries} entries)`)
      }
      for (const due of await offlineRootsDue()) {
        logger.warn(
          `根 CA ${due.caId} 的预签 CRL 与 OCSP 响应将于 ${due.nextUpdate?.toISOString() ?? '?'} 到期：请取出离线根密钥文件运行 node ace ca:root-crl --key-file <文件>`
        )
      }
    } catch (error) {
      logger.error({ err: error }, 'CRL refresh failed')
    }
  }
  await run()
  const timer = setInterval(run, 60 * 60 * 1000)
  timer.unref()
  return () => clearInterval(timer)
})
