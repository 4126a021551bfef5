import type { HttpContext } from '@adonisjs/core/http'
import { isUuid } from '#core/ids'
import { isRuleError } from '#core/rule_error'
import type Integration from '#platforms/models/integration'
import PlatformSession from '#platforms/models/session'
import { authenticate, logCall } from '#platforms/services/api_auth'
import { createSession, expireIfDue, qrContentOf } from '#platforms/actions/sessions'
import { pushTask } from '#platforms/actions/tasks'

/**
 * The integrator API (/api/platform/…, JSON, HMAC-signed; see the
 * module's README). A platform sees only its own sessions: another
 * platform's id is a 404.
 */
export default class PlatformApiController {
  async #run(
    ctx: HttpContext,
    handle: (integration: Integration) => Promise<{ status: number; body: unknown }>
  ) {
    const auth = await authenticate(ctx)
    if (!auth.ok)
      return ctx.response
        .status(auth.refusal.status)
        .send({ error: auth.refusal.error, code: auth.refusal.code })
    try {
      const { status, body } = await handle(auth.integration)
      await logCall(
        ctx,
        auth.integration,
        status,
        status < 400 ? 'ok' : ((body as any)?.code ?? 'refused')
      )
      return ctx.response.status(status).send(body)
    } catch (error) {
      if (!isRuleError(error)) throw error
      await logCall(ctx, auth.integration, error.status, error.code ?? 'refused')
      return ctx.response
        .status(error.status)
        .send({ error: error.message, code: error.code ?? 'refused', field: error.field })
    }
  }

  async #own(integration: Integration, id: string, by: 'id' | 'tid' = 'id') {
    if (by === 'id' && !isUuid(id)) return null
    const session = await PlatformSession.query()
      .where(by, id)
      .where('integration_id', integration.id)
      .first()
    return session ? expireIfDue(session) : null
  }

  #view(session: PlatformSession) {
    return {
      sessionId: session.id,
      tid: session.tid,
      type: session.kind,
      state: session.state,
      expiresAt: session.expiresAt.toISO(),
      scannedAt: session.scannedAt?.toISO() ?? null,
      finishedAt: session.finishedAt?.toISO() ?? null,
      error: session.error,
    }
  }

  ping(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => ({
      status: 200,
      body: {
        ok: true,
        platformCode: integration.platformCode,
        platformName: integration.platformName,
      },
    }))
  }

  store(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => {
      const body = ctx.request.body()
      const session = await createSession(integration, {
        type: body.type,
        hash: typeof body.hash === 'string' ? body.hash : undefined,
        message: typeof body.message === 'string' ? body.message : undefined,
        envelope: typeof body.envelope === 'string' ? body.envelope : undefined,
        openAt: typeof body.openAt === 'string' ? body.openAt : undefined,
        title: typeof body.title === 'string' ? body.title : undefined,
        ttlSeconds: Number(body.ttlSeconds) || undefined,
      })
      const qrContent = await qrContentOf(session, integration)
      return { status: 201, body: { ...this.#view(session), qrContent } }
    })
  }

  show(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => {
      const session = await this.#own(integration, ctx.params.id)
      if (!session) return { status: 404, body: { error: '会话不存在', code: 'not_found' } }
      return { status: 200, body: this.#view(session) }
    })
  }

  showByTid(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => {
      const session = await this.#own(integration, String(ctx.params.tid), 'tid')
      if (!session) return { status: 404, body: { error: '会话不存在', code: 'not_found' } }
      return { status: 200, body: this.#view(session) }
    })
  }

  result(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => {
      const session = await this.#own(integration, ctx.params.id)
      if (!session) return { status: 404, body: { error: '会话不存在', code: 'not_found' } }
      if (session.state !== 'done')
        return { status: 409, body: { error: '尚无结果', code: 'not_done', state: session.state } }
      return { status: 200, body: { ...this.#view(session), result: session.result } }
    })
  }

  pushTask(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => {
      const body = ctx.request.body()
      const task = await pushTask(integration, {
        openId: String(body.openId ?? ''),
        title: String(body.title ?? ''),
        hash: String(body.hash ?? ''),
      })
      return { status: 201, body: { taskId: task.id, state: task.state } }
    })
  }

  showTask(ctx: HttpContext) {
    return this.#run(ctx, async (integration) => {
      const { ownTaskOfIntegration } = await import('#platforms/queries/tasks')
      const task = await ownTaskOfIntegration(integration.id, ctx.params.id)
      if (!task) return { status: 404, body: { error: '待办不存在', code: 'not_found' } }
      return {
        status: 200,
        body: { taskId: task.id, state: task.state, reason: task.reason, result: task.result },
      }
    })
  }
}
