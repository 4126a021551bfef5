import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import Integration from '#platforms/models/integration'
import PlatformAccountModel from '#platforms/models/account'
import type PlatformAccount from '#platforms/models/account'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordPlatformUnbinding, type PlatformUnbinder } from '#certificates/actions/unbind'
import { PlatformError } from '#platforms/errors'
import { adapterNamed } from '#platforms/adapters/registry'
import type { AccountFacts } from '#platforms/adapters/contract'
import { usableCertificate } from './sessions.js'
import { queueWebhook } from './webhooks.js'

/**
 * 主体注册 / 证书绑定 and 证书解绑 on a platform whose adapter binds
 * certificates to accounts (procurement sites). The platform hears both;
 * the 证书解绑 record is the certificates module's (one record whether the
 * holder unbinds here or on 我的证书).
 */
async function facts(integration: Integration, account: PlatformAccount): Promise<AccountFacts> {
  let serial: string | null = null
  if (account.certificateId) {
    const { findOwnCertificate } = await import('#certificates/queries/certificates')
    const view = await findOwnCertificate(account.userId, account.certificateId)
    serial = view?.certificate.serial ?? null
  }
  return {
    openId: account.openId,
    accountName: account.accountName,
    certificateSerial: serial,
    platformCode: integration.platformCode,
  }
}

export async function bindCertificate(
  account: PlatformAccount,
  userId: string,
  input: { accountName: string; certificateId: string }
) {
  if (account.userId !== userId) throw new PlatformError('账号不存在', { status: 404 })
  const integration = await Integration.findOrFail(account.integrationId)
  const adapter = await adapterNamed(integration.adapter)
  if (!adapter?.capabilities.includes('bind')) throw new PlatformError('该平台不支持证书绑定')
  const name = input.accountName.trim()
  if (name.length < 2 || name.length > 100)
    throw new PlatformError('请填写平台账号名称（2–100 个字符）', { field: 'account_name' })
  const view = await usableCertificate(userId, input.certificateId)
  if (!view) throw new PlatformError('请选择一张有效的证书', { field: 'certificate_id' })
  await db.transaction(async (trx) => {
    account.accountName = name
    account.certificateId = view.certificate.id
    account.boundAt = DateTime.utc()
    await audit.save(account, trx, {
      action: 'platforms.account.bind',
      subjectType: 'platform_account',
      data: {
        platform: integration.platformName,
        serial: view.certificate.serial,
        accountName: name,
      },
    })
    await queueWebhook(
      integration,
      adapter.hooks.onBound?.(await facts(integration, account)),
      null,
      trx
    )
  })
}

/**
 * Undo an account's binding in the caller's transaction: the account is
 * free again, the platform hears it (webhook), and the certificates
 * module keeps the one 证书解绑 record (and its audit entry).
 */
async function detach(
  account: PlatformAccount,
  trx: TransactionClientContract,
  options: { recorded: boolean }
) {
  const integration = await Integration.findOrFail(account.integrationId, { client: trx })
  const adapter = await adapterNamed(integration.adapter)
  const before = await facts(integration, account)
  const certificateId = account.certificateId!
  account.useTransaction(trx)
  account.certificateId = null
  account.boundAt = null
  await account.save()
  // started on 我的证书, the certificates module writes the record itself
  if (!options.recorded)
    await recordPlatformUnbinding(
      {
        certificateId,
        serial: before.certificateSerial ?? '',
        userId: account.userId,
        platformName: integration.platformName,
        platformAccount: account.accountName ?? account.openId,
        accountId: account.id,
      },
      trx
    )
  await queueWebhook(integration, adapter?.hooks.onUnbound?.(before), null, trx)
  return integration
}

export async function unbindCertificate(account: PlatformAccount, userId: string) {
  if (account.userId !== userId) throw new PlatformError('账号不存在', { status: 404 })
  if (!account.certificateId) throw new PlatformError('该平台账号未绑定证书')
  await db.transaction((trx) => detach(account, trx, { recorded: false }))
}

/**
 * 证书解绑 started on 我的证书 (the certificates module asks, in its
 * transaction; registered at boot by registrations.ts): the holder's account bound to the certificate under that
 * name (or open id) is detached.
 */
export const detachForCertificates: PlatformUnbinder = async (
  { certificateId, userId, platformAccount },
  trx
) => {
  const account = await PlatformAccountModel.query({ client: trx })
    .where('certificate_id', certificateId)
    .where('user_id', userId)
    .where((q) => q.where('account_name', platformAccount).orWhere('open_id', platformAccount))
    .first()
  if (!account) return null
  const integration = await detach(account, trx, { recorded: true })
  return { platformName: integration.platformName, accountId: account.id }
}

/** 开通新交易平台: the holder opens an account on an enabled platform */
export async function openPlatform(userId: string, integrationId: string) {
  const integration = await Integration.query()
    .where('id', integrationId)
    .where('enabled', true)
    .first()
  if (!integration) throw new PlatformError('请选择交易平台', { field: 'integration_id' })
  const { accountFor } = await import('./sessions.js')
  return db.transaction(async (trx) => {
    const { account, created } = await accountFor(integration, userId, trx)
    if (created)
      await audit.record(
        {
          action: 'platforms.account.open',
          subjectType: 'platform_account',
          subjectId: account.id,
          data: { platform: integration.platformName },
        },
        trx
      )
    return account
  })
}
