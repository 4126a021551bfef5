import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import audit from '#core/audit/audit_service'
import storage from '#core/storage'
import { inspectUpload } from '#core/uploads'
import { DISPLAY_ZONE } from '#core/time'
import Notice from '#catalog/models/notice'
import Guide from '#catalog/models/guide'
import Download from '#catalog/models/download'
import { CatalogRuleError } from '#catalog/errors'
import {
  DOWNLOAD_FILE_TYPES,
  DOWNLOAD_MAX_SIZE,
  type ContentStatus,
  type DownloadCategory,
  type GuideCategory,
} from '#catalog/labels'
import { changes, snapshot } from './support.js'

export interface NoticeInput {
  title: string
  body: string
  status: ContentStatus
  pinned?: boolean
  /** yyyy-MM-ddTHH:mm in Shanghai time (datetime-local) */
  published_at?: string
}

export interface GuideInput {
  title: string
  category: GuideCategory
  body: string
  status: ContentStatus
  sort_order?: number
}

export interface DownloadInput {
  name: string
  category: DownloadCategory
  description?: string
  version?: string
  status: ContentStatus
  sort_order?: number
}

const NOTICE_FIELDS = ['title', 'status', 'pinned', 'publishedAt']
const GUIDE_FIELDS = ['title', 'category', 'status', 'sortOrder']
const DOWNLOAD_FIELDS = [
  'name',
  'category',
  'description',
  'version',
  'fileName',
  'fileSize',
  'status',
  'sortOrder',
]

/**
 * A publish time typed in Shanghai time, stored in UTC. Empty: now, when
 * the item is published.
 */
export function parsePublishTime(value: string | undefined | null): DateTime | null {
  if (!value) return null
  const dt = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  if (!dt.isValid) throw CatalogRuleError.field('published_at', '请选择正确的发布时间')
  return dt.toUTC()
}

function publishAction(kind: string, status: ContentStatus) {
  return `catalog.${kind}.${status === 'published' ? 'publish' : 'unpublish'}`
}

/**
 * 通知公告. Published notices appear to applicants once their publish
 * time has come (a future time schedules them).
 */
export async function createNotice(input: NoticeInput) {
  const publishedAt =
    parsePublishTime(input.published_at) ?? (input.status === 'published' ? DateTime.utc() : null)
  return db.transaction(async (trx) => {
    const notice = new Notice()
    notice.fill({
      title: input.title,
      body: input.body,
      status: input.status,
      pinned: Boolean(input.pinned),
      publishedAt,
    })
    notice.useTransaction(trx)
    await notice.save()
    await audit.record(
      {
        action: 'catalog.notice.create',
        subjectType: 'notice',
        subjectId: notice.id,
        data: snapshot(notice, NOTICE_FIELDS),
      },
      trx
    )
    return notice
  })
}

export async function updateNotice(id: string, input: NoticeInput) {
  const notice = await Notice.findOrFail(id)
  const typed = parsePublishTime(input.published_at)
  return db.transaction(async (trx) => {
    const before = snapshot(notice, [...NOTICE_FIELDS, 'body'])
    notice.merge({
      title: input.title,
      body: input.body,
      status: input.status,
      pinned: Boolean(input.pinned),
      publishedAt:
        typed ??
        (input.status === 'published'
          ? (notice.publishedAt ?? DateTime.utc())
          : notice.publishedAt),
    })
    notice.useTransaction(trx)
    await notice.save()
    const diff = changes(before, snapshot(notice, [...NOTICE_FIELDS, 'body']))
    if (diff.body) diff.body = ['…', '…']
    await audit.record(
      {
        action: 'catalog.notice.update',
        subjectType: 'notice',
        subjectId: notice.id,
        data: { title: notice.title, changes: diff },
      },
      trx
    )
    return notice
  })
}

export async function setNoticeStatus(id: string, status: ContentStatus) {
  const notice = await Notice.findOrFail(id)
  if (notice.status === status) return notice
  return db.transaction(async (trx) => {
    notice.status = status
    if (status === 'published' && !notice.publishedAt) notice.publishedAt = DateTime.utc()
    notice.useTransaction(trx)
    await notice.save()
    await audit.record(
      {
        action: publishAction('notice', status),
        subjectType: 'notice',
        subjectId: notice.id,
        data: { title: notice.title },
      },
      trx
    )
    return notice
  })
}

export async function deleteNotice(id: string) {
  const notice = await Notice.findOrFail(id)
  await db.transaction(async (trx) => {
    notice.useTransaction(trx)
    await notice.delete()
    await audit.record(
      {
        action: 'catalog.notice.delete',
        subjectType: 'notice',
        subjectId: notice.id,
        data: snapshot(notice, NOTICE_FIELDS),
      },
      trx
    )
  })
  return notice
}

/**
 * 操作指南.
 */
export async function createGuide(input: GuideInput) {
  return db.transaction(async (trx) => {
    const guide = new Guide()
    guide.fill({
      title: input.title,
      category: input.category,
      body: input.body,
      status: input.status,
      sortOrder: input.sort_order ?? 0,
      publishedAt: input.status === 'published' ? DateTime.utc() : null,
    })
    guide.useTransaction(trx)
    await guide.save()
    await audit.record(
      {
        action: 'catalog.guide.create',
        subjectType: 'guide',
        subjectId: guide.id,
        data: snapshot(guide, GUIDE_FIELDS),
      },
      trx
    )
    return guide
  })
}

export async function updateGuide(id: string, input: GuideInput) {
  const guide = await Guide.findOrFail(id)
  return db.transaction(async (trx) => {
    const before = snapshot(guide, [...GUIDE_FIELDS, 'body'])
    guide.merge({
      title: input.title,
      category: input.category,
      body: input.body,
      status: input.status,
      sortOrder: input.sort_order ?? 0,
    })
    if (guide.status === 'published' && !guide.publishedAt) guide.publishedAt = DateTime.utc()
    guide.useTransaction(trx)
    await guide.save()
    const diff = changes(before, snapshot(guide, [...GUIDE_FIELDS, 'body']))
    if (diff.body) diff.body = ['…', '…']
    await audit.record(
      {
        action: 'catalog.guide.update',
        subjectType: 'guide',
        subjectId: guide.id,
        data: { title: guide.title, changes: diff },
      },
      trx
    )
    return guide
  })
}

export async function setGuideStatus(id: string, status: ContentStatus) {
  const guide = await Guide.findOrFail(id)
  if (guide.status === status) return guide
  return db.transaction(async (trx) => {
    guide.status = status
    if (status === 'published' && !guide.publishedAt) guide.publishedAt = DateTime.utc()
    guide.useTransaction(trx)
    await guide.save()
    await audit.record(
      {
        action: publishAction('guide', status),
        subjectType: 'guide',
        subjectId: guide.id,
        data: { title: guide.title },
      },
      trx
    )
    return guide
  })
}

export async function deleteGuide(id: string) {
  const guide = await Guide.findOrFail(id)
  await db.transaction(async (trx) => {
    guide.useTransaction(trx)
    await guide.delete()
    await audit.record(
      {
        action: 'catalog.guide.delete',
        subjectType: 'guide',
        subjectId: guide.id,
        data: snapshot(guide, GUIDE_FIELDS),
      },
      trx
    )
  })
  return guide
}

/**
 * 下载专区: the file is checked by its content and kept privately.
 */
async function storeDownloadFile(file: MultipartFile | null | undefined) {
  const inspected = await inspectUpload(file, {
    types: DOWNLOAD_FILE_TYPES,
    maxSize: DOWNLOAD_MAX_SIZE,
  })
  if (!inspected.ok) throw CatalogRuleError.field('file', inspected.message)
  const key = storage.makeKey('catalog/downloads', inspected.type)
  await storage.put(key, inspected.buffer)
  const base = inspected.clientName.replace(/\.[^.]*$/, '').trim() || '文件'
  return {
    fileKey: key,
    fileName: `${base}.${inspected.type}`,
    fileType: inspected.type,
    fileSize: inspected.size,
  }
}

export async function createDownload(input: DownloadInput, file: MultipartFile | null | undefined) {
  const stored = await storeDownloadFile(file)
  try {
    return await db.transaction(async (trx) => {
      const download = new Download()
      download.fill({
        name: input.name,
        category: input.category,
        description: input.description ?? null,
        version: input.version ?? null,
        ...stored,
        downloadCount: 0,
        status: input.status,
        sortOrder: input.sort_order ?? 0,
        publishedAt: input.status === 'published' ? DateTime.utc() : null,
      })
      download.useTransaction(trx)
      await download.save()
      await audit.record(
        {
          action: 'catalog.download.create',
          subjectType: 'download',
          subjectId: download.id,
          data: snapshot(download, DOWNLOAD_FIELDS),
        },
        trx
      )
      return download
    })
  } catch (error) {
    await storage.delete(stored.fileKey).catch(() => undefined)
    throw error
  }
}

export async function updateDownload(
  id: string,
  input: DownloadInput,
  file: MultipartFile | null | undefined
) {
  const download = await Download.findOrFail(id)
  const stored = file ? await storeDownloadFile(file) : null
  const oldKey = download.fileKey
  try {
    await db.transaction(async (trx) => {
      const before = snapshot(download, DOWNLOAD_FIELDS)
      download.merge({
        name: input.name,
        category: input.category,
        description: input.description ?? null,
        version: input.version ?? null,
        status: input.status,
        sortOrder: input.sort_order ?? 0,
        ...(stored ?? {}),
      })
      if (download.status === 'published' && !download.publishedAt)
        download.publishedAt = DateTime.utc()
      download.useTransaction(trx)
      await download.save()
      await audit.record(
        {
          action: 'catalog.download.update',
          subjectType: 'download',
          subjectId: download.id,
          data: {
            name: download.name,
            changes: changes(before, snapshot(download, DOWNLOAD_FIELDS)),
          },
        },
        trx
      )
    })
  } catch (error) {
    if (stored) await storage.delete(stored.fileKey).catch(() => undefined)
    throw error
  }
  if (stored && oldKey !== stored.fileKey) await storage.delete(oldKey).catch(() => undefined)
  return download
}

export async function setDownloadStatus(id: string, status: ContentStatus) {
  const download = await Download.findOrFail(id)
  if (download.status === status) return download
  return db.transaction(async (trx) => {
    download.status = status
    if (status === 'published' && !download.publishedAt) download.publishedAt = DateTime.utc()
    download.useTransaction(trx)
    await download.save()
    await audit.record(
      {
        action: publishAction('download', status),
        subjectType: 'download',
        subjectId: download.id,
        data: { name: download.name },
      },
      trx
    )
    return download
  })
}

export async function deleteDownload(id: string) {
  const download = await Download.findOrFail(id)
  await db.transaction(async (trx) => {
    download.useTransaction(trx)
    await download.delete()
    await audit.record(
      {
        action: 'catalog.download.delete',
        subjectType: 'download',
        subjectId: download.id,
        data: snapshot(download, DOWNLOAD_FIELDS),
      },
      trx
    )
  })
  await storage.delete(download.fileKey).catch(() => undefined)
  return download
}

/**
 * One more download of a published file (an atomic counter, not audited:
 * reading is not a change of state that matters).
 */
export async function countDownload(id: string) {
  await Download.query().where('id', id).increment('download_count', 1)
}
