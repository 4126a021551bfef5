import logger from '@adonisjs/core/services/logger'
import { onServerReady } from '#core/background'

/**
 * While the server runs, republish each CA's CRL before it expires
 * (revocations publish at once on their own; this keeps an unchanged
 * CRL from running past its nextUpdate).
 */
onServerReady('issuance: CRL refresh', async () => {
  const { refreshDueCrls } = await import('#issuance/actions/crl')
  const run = async () => {
    try {
      const published = await refreshDueCrls()
      for (const crl of published) {
        logger.info(`CRL #${crl.crlNumber} of CA ${crl.caId} published (${crl.entries} entries)`)
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
