import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { signHash } from '#issuance/actions/signing'
import { IssuanceError } from '#issuance/actions/errors'
import type Integration from '#platforms/models/integration'
import PlatformAccount from '#platforms/models/account'
import PlatformTask from '#platforms/models/task'
import { PlatformError } from '#platforms/errors'
import { platformActor, usableCertificate } from './sessions.js'
import { queueWebhook } from './webhooks.js'

/**
 * 待办: a platform pushes a document hash to a holder it knows (openId
 * from a login); the holder signs it with a certificate and the PIN, or
 * refuses with a reason, one by one or several at once. The platform
 * hears the outcome (event `task`).
 */
export async function pushTask(
  integration: Integration,
  input: { openId: string; title: string; hash: string }
) {
  const account = await PlatformAccount.query()
    .where('integration_id', integration.id)
    .where('open_id', input.openId)
    .first()
  if (!account)
    throw new PlatformError('openId 无效', {
      field: 'openId',
      code: 'open_id_unknown',
      status: 404,
    })
  const title = input.title.trim()
  if (!title || title.length > 200)
    throw new PlatformError('请提供待办标题（200 字以内）', {
      field: 'title',
      code: 'title_invalid',
    })
  if (!/^[0-9a-fA-F]{64}$/.test(input.hash))
    throw new PlatformError('hash 须为 SHA-256 摘要（64 位十六进制）', {
      field: 'hash',
      code: 'hash_invalid',
    })
  return db.transaction(async (trx) => {
    const task = await PlatformTask.create(
      {
        integrationId: integration.id,
        userId: account.userId,
        title,
        hash: input.hash.toLowerCase(),
        state: 'pending',
      },
      { client: trx }
    )
    await audit.record(
      {
        action: 'platforms.task.push',
        subjectType: 'platform_task',
        subjectId: task.id,
        data: { title },
        actor: platformActor(integration),
      },
      trx
    )
    return task
  })
}

async function finish(
  task: PlatformTask,
  changes: Partial<PlatformTask>,
  action: string,
  data: Record<string, unknown>
) {
  const { default: Integration } = await import('#platforms/models/integration')
  const integration = await Integration.findOrFail(task.integrationId)
  await db.transaction(async (trx) => {
    task.merge({ ...changes, doneAt: DateTime.utc() })
    await audit.save(task, trx, { action, subjectType: 'platform_task', data })
    await queueWebhook(
      integration,
      {
        event: 'task',
        body: {
          event: 'task',
          taskId: task.id,
          state: task.state,
          reason: task.reason,
          result: task.result,
        },
      },
      null,
      trx
    )
  })
}

/** sign pending tasks of the holder with one certificate and one PIN */
export async function signTasks(
  userId: string,
  taskIds: string[],
  input: { certificateId: string; pin: string }
) {
  const tasks = await PlatformTask.query()
    .where('user_id', userId)
    .where('state', 'pending')
    .whereIn('id', taskIds)
  if (!tasks.length) throw new PlatformError('请选择待签署的待办', { field: 'task_ids' })
  const view = await usableCertificate(userId, input.certificateId)
  if (!view) throw new PlatformError('请选择一张有效的证书', { field: 'certificate_id' })
  for (const task of tasks) {
    let signed
    try {
      signed = await signHash({
        credentialId: view.certificate.credentialId!,
        pin: input.pin,
        hash: task.hash,
        format: 'cms',
        purpose: 'platform.task',
        reference: task.id,
      })
    } catch (error) {
      if (error instanceof IssuanceError)
        throw new PlatformError(error.message, {
          field: 'pin',
          code: error.code,
          status: error.status,
        })
      throw error
    }
    await finish(
      task,
      {
        state: 'signed',
        result: {
          certSn: signed.serial,
          signature: signed.signatureBase64,
          signedAt: signed.signedAt,
        },
      },
      'platforms.task.sign',
      { serial: signed.serial }
    )
  }
  return tasks.length
}

export async function refuseTask(userId: string, taskId: string, reason: string) {
  const task = await PlatformTask.query().where('user_id', userId).where('id', taskId).first()
  if (!task) throw new PlatformError('待办不存在', { status: 404 })
  if (task.state !== 'pending') throw new PlatformError('该待办已处理', { status: 409 })
  const text = reason.trim()
  if (!text || text.length > 200)
    throw new PlatformError('请填写拒签原因（200 字以内）', { field: 'reason' })
  await finish(task, { state: 'refused', reason: text }, 'platforms.task.refuse', { reason: text })
}
