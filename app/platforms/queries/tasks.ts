import { isUuid } from '#core/ids'
import PlatformTask from '#platforms/models/task'

export async function ownTaskOfIntegration(integrationId: string, id: unknown) {
  if (!isUuid(id)) return null
  return PlatformTask.query().where('integration_id', integrationId).where('id', id).first()
}

/** 待办 of a holder: pending or done */
export async function tasksOf(userId: string, done: boolean) {
  return PlatformTask.query()
    .where('user_id', userId)
    .if(
      done,
      (q) => q.whereNot('state', 'pending'),
      (q) => q.where('state', 'pending')
    )
    .orderBy('created_at', 'desc')
    .limit(100)
}

export async function pendingTaskCount(userId: string) {
  const row = await PlatformTask.query()
    .where('user_id', userId)
    .where('state', 'pending')
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}
