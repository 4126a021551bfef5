import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import audit from '#core/audit/audit_service'
import { findPlatform } from '#catalog/queries/admin'
import Integration from '#platforms/models/integration'
import { PlatformError } from '#platforms/errors'
import { adapterNamed } from '#platforms/adapters/registry'
import type { AdapterConfig } from '#platforms/adapters/contract'
import { openSecrets, sealSecrets } from '#platforms/services/secrets'
import { signedHeaders } from '#platforms/services/signing'

/**
 * 平台集成: an integrator enables an adapter for a trading platform and
 * fills its configuration. The API secret is generated here and shown
 * once (on creation and on rotation); the adapter's secret fields are
 * encrypted with the app key and never shown again (left empty = kept).
 */
export interface IntegrationInput {
  platformId: string
  adapter: string
  platformCode: string
  callbackUrl?: string | null
  enabled: boolean
  /** 按量扣费: each scan uses one from the scanner's package */
  chargePerUse?: boolean
  values: Record<string, string | undefined>
}

export const PLATFORM_CODE = /^[A-Za-z0-9]{11}$/

async function validated(input: IntegrationInput) {
  const adapter = await adapterNamed(input.adapter)
  if (!adapter) throw new PlatformError('请选择适配器', { field: 'adapter' })
  if (!PLATFORM_CODE.test(input.platformCode))
    throw new PlatformError('系统标识码为 11 位字母或数字', { field: 'platform_code' })
  if (input.callbackUrl && !/^https?:\/\/[^\s]+$/.test(input.callbackUrl))
    throw new PlatformError('回调地址须以 http:// 或 https:// 开头', { field: 'callback_url' })
  const values: Record<string, string> = {}
  const secrets: Record<string, string> = {}
  for (const field of adapter.config) {
    const value = (input.values[field.key] ?? '').trim()
    if (value && field.pattern && !new RegExp(field.pattern).test(value))
      throw new PlatformError(`${field.label}格式不正确`, { field: `cfg_${field.key}` })
    if (field.secret) {
      if (value) secrets[field.key] = value
    } else {
      if (!value && field.required)
        throw new PlatformError(`请填写${field.label}`, { field: `cfg_${field.key}` })
      values[field.key] = value
    }
  }
  return { adapter, values, secrets }
}

export async function saveIntegration(input: IntegrationInput, id?: string) {
  const platform = await findPlatform(input.platformId)
  if (!platform) throw new PlatformError('请选择交易平台', { field: 'platform_id' })
  const { adapter, values, secrets } = await validated(input)
  return db.transaction(async (trx) => {
    let integration = id ? await Integration.query({ client: trx }).where('id', id).first() : null
    if (id && !integration) throw new PlatformError('集成不存在', { status: 404 })
    const clash = await Integration.query({ client: trx })
      .where('platform_id', platform.id)
      .if(integration, (q) => q.whereNot('id', integration!.id))
      .first()
    if (clash) throw new PlatformError('该交易平台已配置集成', { field: 'platform_id' })
    let newSecret: string | null = null
    if (!integration) {
      newSecret = randomBytes(32).toString('hex')
      integration = new Integration()
      integration.appId = `pk_${randomBytes(10).toString('hex')}`
      integration.secretsEnc = sealSecrets({ apiSecret: newSecret, fields: secrets })
      integration.sandbox = false
    } else {
      const kept = openSecrets(integration)
      integration.secretsEnc = sealSecrets({
        apiSecret: kept.apiSecret,
        fields: { ...kept.fields, ...secrets },
      })
    }
    integration.merge({
      platformId: platform.id,
      platformName: platform.name,
      adapter: adapter.name,
      platformCode: input.platformCode,
      callbackUrl: input.callbackUrl || null,
      enabled: input.enabled,
      chargePerUse: Boolean(input.chargePerUse),
      config: values,
    })
    await audit.save(integration, trx, {
      action: id ? 'platforms.integration.update' : 'platforms.integration.create',
      subjectType: 'platform_integration',
      /* secret fields: their names only */
      data: {
        platform: platform.name,
        adapter: adapter.name,
        enabled: input.enabled,
        chargePerUse: Boolean(input.chargePerUse),
        secretsChanged: Object.keys(secrets),
      },
    })
    return { integration, newSecret }
  })
}

/** a change of an integration and its audit entry, in one transaction */
async function changeAudited(
  integration: Integration,
  change: Partial<ModelAttributes<Integration>>,
  action: string,
  data: Record<string, unknown> = { platform: integration.platformName }
) {
  await db.transaction(async (trx) => {
    integration.merge(change)
    await audit.save(integration, trx, { action, subjectType: 'platform_integration', data })
  })
}

export async function setIntegrationEnabled(integration: Integration, enabled: boolean) {
  await changeAudited(
    integration,
    { enabled },
    enabled ? 'platforms.integration.enable' : 'platforms.integration.disable'
  )
}

/** a new API secret, shown once; the old one stops working at once */
export async function rotateApiSecret(integration: Integration) {
  const secret = randomBytes(32).toString('hex')
  const kept = openSecrets(integration)
  await changeAudited(
    integration,
    { secretsEnc: sealSecrets({ apiSecret: secret, fields: kept.fields }) },
    'platforms.integration.rotate_secret'
  )
  return secret
}

export function adapterConfigOf(integration: Integration): AdapterConfig {
  const secrets = openSecrets(integration)
  return {
    callbackUrl: integration.callbackUrl,
    platformCode: integration.platformCode,
    values: integration.config ?? {},
    secrets: secrets.fields,
  }
}

/**
 * 测试连接: the adapter's own test, else a signed `ping` to the callback
 * URL (2xx = connected). The result is kept and audited.
 */
export async function testConnection(integration: Integration) {
  const adapter = await adapterNamed(integration.adapter)
  let result: { ok: boolean; message: string }
  if (adapter?.hooks.testConnection) {
    result = await adapter.hooks.testConnection(adapterConfigOf(integration))
  } else if (!integration.callbackUrl) {
    result = { ok: false, message: '未配置回调地址' }
  } else {
    const url = new URL(integration.callbackUrl)
    const body = JSON.stringify({ event: 'ping', platformCode: integration.platformCode })
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          ...signedHeaders(
            { appId: integration.appId, secret: openSecrets(integration).apiSecret },
            'POST',
            url.pathname + url.search,
            body,
            randomBytes(16).toString('hex')
          ),
          'x-event': 'ping',
        },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      result =
        response.status >= 200 && response.status < 300
          ? { ok: true, message: `连接成功（状态码 ${response.status}）` }
          : { ok: false, message: `平台返回状态码 ${response.status}` }
    } catch (error) {
      result = { ok: false, message: '无法连接到回调地址（网络不通或超时）' }
    }
  }
  await changeAudited(
    integration,
    {
      lastTestAt: DateTime.utc(),
      lastTestResult: `${result.ok ? '成功' : '失败'}：${result.message}`.slice(0, 300),
    },
    'platforms.integration.test',
    { ok: result.ok, message: result.message }
  )
  return result
}
