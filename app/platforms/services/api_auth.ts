import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Integration from '#platforms/models/integration'
import PlatformCall from '#platforms/models/call'
import { openSecrets } from './secrets.js'
import { NONCE_PATTERN, signRequest, signatureMatches, timestampFresh } from './signing.js'

/**
 * Who is calling the integrator API: the X-App-Id of an enabled
 * integration, a fresh timestamp, the HMAC over method, path (with query),
 * timestamp, nonce and the exact body, and a nonce never seen before.
 * Every call (accepted or refused) is listed on the back office's 接口调用.
 */
export type Refusal = { status: number; code: string; error: string }

const REFUSALS = {
  unsigned: {
    status: 401,
    code: 'unsigned',
    error: '缺少签名头（X-App-Id、X-Timestamp、X-Nonce、X-Signature）',
  },
  app: { status: 401, code: 'app_unknown', error: 'X-App-Id 无效或平台未启用' },
  stale: { status: 401, code: 'timestamp_stale', error: '时间戳超出允许范围（±300 秒）' },
  nonce: { status: 401, code: 'nonce_invalid', error: 'X-Nonce 须为 8–64 位字母、数字、- 或 _' },
  signature: { status: 401, code: 'signature_invalid', error: '签名校验失败' },
  replay: { status: 401, code: 'nonce_replayed', error: '请求已处理过（nonce 重复）' },
} satisfies Record<string, Refusal>

export async function logCall(
  ctx: HttpContext,
  integration: Integration | null,
  status: number,
  outcome: string
) {
  await PlatformCall.create({
    integrationId: integration?.id ?? null,
    appId: String(ctx.request.header('x-app-id') ?? '').slice(0, 40) || null,
    method: ctx.request.method(),
    path: ctx.request.url(true).slice(0, 300),
    status,
    outcome: outcome.slice(0, 200),
    ip: ctx.request.ip(),
  })
}

export async function authenticate(
  ctx: HttpContext
): Promise<{ ok: true; integration: Integration } | { ok: false; refusal: Refusal }> {
  const header = (name: string) => String(ctx.request.header(name) ?? '')
  const appId = header('x-app-id')
  const timestamp = header('x-timestamp')
  const nonce = header('x-nonce')
  const signature = header('x-signature')
  const refuse = async (refusal: Refusal, integration: Integration | null = null) => {
    await logCall(ctx, integration, refusal.status, refusal.code)
    return { ok: false as const, refusal }
  }
  if (!appId || !timestamp || !nonce || !signature) return refuse(REFUSALS.unsigned)
  const integration = await Integration.query()
    .where('app_id', appId)
    .where('enabled', true)
    .first()
  if (!integration) return refuse(REFUSALS.app)
  if (!timestampFresh(timestamp)) return refuse(REFUSALS.stale, integration)
  if (!NONCE_PATTERN.test(nonce)) return refuse(REFUSALS.nonce, integration)
  const body = ctx.request.method() === 'GET' ? '' : (ctx.request.raw() ?? '')
  const expected = signRequest(
    openSecrets(integration).apiSecret,
    ctx.request.method(),
    ctx.request.url(true),
    timestamp,
    nonce,
    body
  )
  if (!signatureMatches(expected, signature)) return refuse(REFUSALS.signature, integration)
  const seen = await db
    .from('platform_nonces')
    .where('integration_id', integration.id)
    .where('nonce', nonce)
    .first()
  if (seen) return refuse(REFUSALS.replay, integration)
  try {
    await db
      .table('platform_nonces')
      .insert({ integration_id: integration.id, nonce, created_at: DateTime.utc().toJSDate() })
  } catch {
    /* the same nonce in flight twice: the second is a replay */
    return refuse(REFUSALS.replay, integration)
  }
  return { ok: true, integration }
}
