import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { platformOptions } from '#catalog/queries/admin'
import type Integration from '#platforms/models/integration'
import IntegrationPolicy from '#platforms/policies/integration_policy'
import { allAdapters, adapterNamed } from '#platforms/adapters/registry'
import { CAPABILITIES } from '#platforms/adapters/contract'
import {
  CALL_OUTCOMES,
  callsOf,
  findIntegration,
  listIntegrations,
  packagesOfIntegration,
  webhooksOf,
} from '#platforms/queries/admin'
import {
  rotateApiSecret,
  saveIntegration,
  setIntegrationEnabled,
  testConnection,
} from '#platforms/actions/integrations'
import { integrationValidator, packageValidator } from '#platforms/validators'
import { grantPackageTo } from '#platforms/actions/packages'

/**
 * 平台集成 (back office, role integrator): the adapter of each trading
 * platform, its configuration (secrets never shown again; the API secret
 * shown once), 测试连接, the platform's API calls and webhook deliveries.
 */
export default class IntegrationsController {
  async #authorize(ctx: HttpContext) {
    await ctx.bouncer.with(IntegrationPolicy).authorize('manage')
  }

  async #find(ctx: HttpContext) {
    const integration = await findIntegration(ctx.params.id)
    if (!integration) throw new NotFoundError()
    return integration
  }

  async index(ctx: HttpContext) {
    await this.#authorize(ctx)
    const list = await allAdapters()
    const adapters = Object.fromEntries(list.map((a) => [a.name, a]))
    return ctx.view.render('platforms/admin/index', {
      integrations: await listIntegrations(),
      adapters,
      capabilities: CAPABILITIES,
    })
  }

  async create(ctx: HttpContext) {
    await this.#authorize(ctx)
    return this.#form(ctx, null)
  }

  async edit(ctx: HttpContext) {
    await this.#authorize(ctx)
    return this.#form(ctx, await this.#find(ctx))
  }

  async #form(ctx: HttpContext, integration: Awaited<ReturnType<typeof findIntegration>>) {
    const adapters = await allAdapters()
    const chosen = String(
      ctx.request.qs().adapter ?? integration?.adapter ?? adapters[0]?.name ?? ''
    )
    return ctx.view.render('platforms/admin/form', {
      integration,
      adapters,
      adapter: (await adapterNamed(chosen)) ?? adapters[0],
      platforms: await platformOptions(),
      capabilities: CAPABILITIES,
    })
  }

  #values(ctx: HttpContext) {
    const values: Record<string, string> = {}
    for (const [key, value] of Object.entries(ctx.request.all()))
      if (key.startsWith('cfg_') && typeof value === 'string') values[key.slice(4)] = value
    return values
  }

  async store(ctx: HttpContext) {
    await this.#authorize(ctx)
    const payload = await ctx.request.validateUsing(integrationValidator)
    const { integration, newSecret } = await saveIntegration({
      ...payload,
      enabled: Boolean(payload.enabled),
      chargePerUse: Boolean(payload.chargePerUse),
      values: this.#values(ctx),
    })
    /* the API secret is rendered once, never stored in the session */
    return this.#showPage(
      ctx,
      integration,
      newSecret,
      '平台集成已保存。接口密钥只显示这一次，请立即交给平台方妥善保存。'
    )
  }

  async update(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const payload = await ctx.request.validateUsing(integrationValidator)
    await saveIntegration(
      {
        ...payload,
        enabled: Boolean(payload.enabled),
        chargePerUse: Boolean(payload.chargePerUse),
        values: this.#values(ctx),
      },
      integration.id
    )
    ctx.session.flash('success', '配置已保存')
    return ctx.response
      .redirect()
      .toRoute('admin.platforms.integrations.show', { id: integration.id })
  }

  async show(ctx: HttpContext) {
    await this.#authorize(ctx)
    return this.#showPage(ctx, await this.#find(ctx), null, null)
  }

  async #showPage(
    ctx: HttpContext,
    integration: Integration,
    apiSecret: string | null,
    notice: string | null
  ) {
    ctx.response.header('cache-control', 'no-store')
    return ctx.view.render('platforms/admin/show', {
      integration,
      adapter: await adapterNamed(integration.adapter),
      capabilities: CAPABILITIES,
      apiSecret,
      notice,
      packages: await packagesOfIntegration(integration.id),
    })
  }

  /** 开通套餐: uses granted to a person (phone) or an org (USCC) */
  async grantPackage(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const payload = await ctx.request.validateUsing(packageValidator)
    await grantPackageTo(integration, payload)
    ctx.session.flash('success', '套餐已开通')
    return ctx.response
      .redirect()
      .toRoute('admin.platforms.integrations.show', { id: integration.id })
  }

  async enable(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const enabled = ctx.request.input('enabled') === '1'
    await setIntegrationEnabled(integration, enabled)
    ctx.session.flash('success', enabled ? '已启用' : '已停用')
    return ctx.response
      .redirect()
      .toRoute('admin.platforms.integrations.show', { id: integration.id })
  }

  async rotate(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const secret = await rotateApiSecret(integration)
    return this.#showPage(
      ctx,
      integration,
      secret,
      '已生成新的接口密钥，旧密钥立即失效。新密钥只显示这一次。'
    )
  }

  async test(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const result = await testConnection(integration)
    ctx.session.flash(
      result.ok ? 'success' : 'error',
      `测试连接${result.ok ? '成功' : '失败'}：${result.message}`
    )
    return ctx.response
      .redirect()
      .toRoute('admin.platforms.integrations.show', { id: integration.id })
  }

  async calls(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const calls = await callsOf(integration.id, Math.max(1, Number(ctx.request.qs().page) || 1))
    calls.baseUrl(ctx.request.url())
    return ctx.view.render('platforms/admin/calls', { integration, calls, outcomes: CALL_OUTCOMES })
  }

  async webhooks(ctx: HttpContext) {
    await this.#authorize(ctx)
    const integration = await this.#find(ctx)
    const webhooks = await webhooksOf(
      integration.id,
      Math.max(1, Number(ctx.request.qs().page) || 1)
    )
    webhooks.baseUrl(ctx.request.url())
    return ctx.view.render('platforms/admin/webhooks', { integration, webhooks })
  }
}
