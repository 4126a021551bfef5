import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { qrSvg } from '#core/qr'
import { verifySignature } from '#issuance/actions/signing'
import Integration from '#platforms/models/integration'
import PlatformSession from '#platforms/models/session'
import { startDemoSession, DEMO_DOCUMENT } from '#platforms/actions/demo'
import { expireIfDue, qrContentOf } from '#platforms/actions/sessions'

/**
 * 演示交易平台（沙箱）: plays a trading platform against this app: shows a
 * QR, waits (the page refreshes itself, no script), and verifies what the
 * holder's phone returned. Only once the demo seeder made the sandbox
 * integration at the first start with demo data on
 * (database/seeders/05_platforms_seeder.ts); a visit makes nothing.
 */
export default class DemoController {
  async #integration() {
    const integration = await Integration.query().where('sandbox', true).first()
    if (!integration) throw new NotFoundError('演示交易平台未启用（首次启动时由演示数据创建）')
    return integration
  }

  async index({ view }: HttpContext) {
    const integration = await this.#integration()
    const encrypted = await PlatformSession.query()
      .where('integration_id', integration.id)
      .where('kind', 'encrypt')
      .where('state', 'done')
      .orderBy('created_at', 'desc')
      .first()
    return view.render('platforms/demo/index', { integration, encrypted })
  }

  async start({ request, response }: HttpContext) {
    const integration = await this.#integration()
    const session = await startDemoSession(
      integration,
      String(request.input('type')),
      request.input('from')
    )
    if (!session) return response.redirect().toRoute('platforms.demo.index')
    return response.redirect().toRoute('platforms.demo.show', { id: session.id })
  }

  async show({ params, view, response }: HttpContext) {
    const integration = await this.#integration()
    const session = await PlatformSession.query()
      .where('id', String(params.id))
      .where('integration_id', integration.id)
      .first()
    if (!session) throw new NotFoundError()
    await expireIfDue(session)
    const content = await qrContentOf(session, integration)
    let check: { valid: boolean; reason?: string } | null = null
    if (session.state === 'done' && session.result?.signature) {
      const result = session.result
      const signed = session.kind === 'login' ? result.challenge : result.message
      check = await verifySignature({
        format: 'cms',
        signature: Buffer.from(String(result.signature), 'base64'),
        ...(signed === undefined
          ? { hash: String(result.hash) }
          : { data: Buffer.from(String(signed), 'utf8') }),
      })
    }
    const opened =
      session.kind === 'decrypt' && session.result?.symmetricKey
        ? createHash('sha256')
            .update(Buffer.from(String(session.result.symmetricKey), 'base64'))
            .digest('hex')
            .slice(0, 16)
        : null
    if (session.isOpen) response.header('refresh', '3')
    return view.render('platforms/demo/show', {
      integration,
      session,
      qr: session.isOpen ? await qrSvg(content, '扫码二维码') : null,
      content,
      check,
      opened,
      document: DEMO_DOCUMENT,
      documentHash: createHash('sha256').update(DEMO_DOCUMENT).digest('hex'),
    })
  }
}
