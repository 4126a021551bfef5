import { DateTime } from 'luxon'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import storage from '#core/storage'
import { inspectUpload } from '#core/uploads'
import { DISPLAY_ZONE } from '#core/time'
import { RuleError } from '#core/rule_error'
import Notice from '#catalog/models/notice'
import Guide from '#catalog/models/guide'
import Download from '#catalog/models/download'
import { downloadLifecycle, guideLifecycle, noticeLifecycle } from '#catalog/lifecycles'
import {
  DOWNLOAD_FILE_TYPES,
  DOWNLOAD_MAX_SIZE,
  type ContentStatus,
  type DownloadCategory,
  type GuideCategory,
} from '#catalog/labels'
import {
  createItem,
  deleteItem,
  itemKind,
  switchItem,
  updateItem,
  withStoredFile,
} from './support.js'

/** the notice form, as its validator gives it */
export interface NoticeInput {
  title: string
  body: string
  status: ContentStatus
  pinned?: boolean
  /** yyyy-MM-ddTHH:mm in Shanghai time (datetime-local) */
  publishedAt?: string
}

/** the guide form */
export interface GuideInput {
  title: string
  category: GuideCategory
  body: string
  status: ContentStatus
  sortOrder?: number
}

/** the download form (the file comes separately) */
export interface DownloadInput {
  name: string
  category: DownloadCategory
  description?: string
  version?: string
  status: ContentStatus
  sortOrder?: number
}

const noticeKind = itemKind<Notice>(noticeLifecycle, {
  model: Notice,
  fields: ['title', 'status', 'pinned', 'publishedAt'],
  longFields: ['body'],
  title: (notice) => ({ title: notice.title }),
})

const guideKind = itemKind<Guide>(guideLifecycle, {
  model: Guide,
  fields: ['title', 'category', 'status', 'sortOrder'],
  longFields: ['body'],
  title: (guide) => ({ title: guide.title }),
})

const downloadKind = itemKind<Download>(downloadLifecycle, {
  model: Download,
  fields: [
    'name',
    'category',
    'description',
    'version',
    'fileName',
    'fileSize',
    'status',
    'sortOrder',
  ],
  title: (download) => ({ name: download.name }),
})

/**
 * A publish time typed in Shanghai time, stored in UTC. Empty: now, when
 * the item is published.
 */
export function parsePublishTime(value: string | undefined | null): DateTime | null {
  if (!value) return null
  const dt = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  if (!dt.isValid) throw new RuleError('请选择正确的发布时间', { field: 'published_at' })
  return dt.toUTC()
}

/**
 * Published content has a publish time: the first publication stamps it.
 */
function stampPublished(
  item: { status: ContentStatus; publishedAt: DateTime | null },
  status: string = item.status
) {
  if (status === 'published' && !item.publishedAt) item.publishedAt = DateTime.utc()
}

/**
 * 通知公告. Published notices appear to applicants once their publish
 * time has come (a future time schedules them).
 */
export async function createNotice(input: NoticeInput) {
  const notice = {
    ...input,
    pinned: Boolean(input.pinned),
    publishedAt: parsePublishTime(input.publishedAt),
  }
  stampPublished(notice)
  return createItem(noticeKind, notice)
}

export async function updateNotice(id: string, input: NoticeInput) {
  const notice = await Notice.findOrFail(id)
  const typed = parsePublishTime(input.publishedAt)
  return updateItem(
    noticeKind,
    notice,
    { ...input, pinned: Boolean(input.pinned), publishedAt: typed ?? notice.publishedAt },
    stampPublished
  )
}

export async function setNoticeStatus(id: string, status: ContentStatus) {
  return switchItem(noticeKind, await Notice.findOrFail(id), status, stampPublished)
}

export async function deleteNotice(id: string) {
  return deleteItem(noticeKind, await Notice.findOrFail(id))
}

/**
 * 操作指南.
 */
export async function createGuide(input: GuideInput) {
  const guide = { ...input, sortOrder: input.sortOrder ?? 0, publishedAt: null }
  stampPublished(guide)
  return createItem(guideKind, guide)
}

export async function updateGuide(id: string, input: GuideInput) {
  const guide = await Guide.findOrFail(id)
  return updateItem(guideKind, guide, { ...input, sortOrder: input.sortOrder ?? 0 }, stampPublished)
}

export async function setGuideStatus(id: string, status: ContentStatus) {
  return switchItem(guideKind, await Guide.findOrFail(id), status, stampPublished)
}

export async function deleteGuide(id: string) {
  return deleteItem(guideKind, await Guide.findOrFail(id))
}

/**
 * 下载专区: the file is checked by its content and kept privately.
 */
async function storeDownloadFile(file: MultipartFile | null | undefined) {
  const inspected = await inspectUpload(file, {
    types: DOWNLOAD_FILE_TYPES,
    maxSize: DOWNLOAD_MAX_SIZE,
  })
  if (!inspected.ok) throw new RuleError(inspected.message, { field: 'file' })
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

function downloadValues(input: DownloadInput) {
  return {
    ...input,
    description: input.description ?? null,
    version: input.version ?? null,
    sortOrder: input.sortOrder ?? 0,
  }
}

export async function createDownload(input: DownloadInput, file: MultipartFile | null | undefined) {
  const stored = await storeDownloadFile(file)
  const download = { ...downloadValues(input), ...stored, downloadCount: 0, publishedAt: null }
  stampPublished(download)
  return withStoredFile(stored.fileKey, () => createItem(downloadKind, download))
}

export async function updateDownload(
  id: string,
  input: DownloadInput,
  file: MultipartFile | null | undefined
) {
  const download = await Download.findOrFail(id)
  const stored = file ? await storeDownloadFile(file) : null
  const oldKey = download.fileKey
  await withStoredFile(stored?.fileKey, () =>
    updateItem(downloadKind, download, { ...downloadValues(input), ...stored }, stampPublished)
  )
  if (stored && oldKey !== stored.fileKey) await storage.delete(oldKey).catch(() => undefined)
  return download
}

export async function setDownloadStatus(id: string, status: ContentStatus) {
  return switchItem(downloadKind, await Download.findOrFail(id), status, stampPublished)
}

export async function deleteDownload(id: string) {
  const download = await deleteItem(downloadKind, await Download.findOrFail(id))
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
