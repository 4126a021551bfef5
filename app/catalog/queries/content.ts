import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { isUuid } from '#core/ids'
import { formatDate } from '#core/time'
import Notice from '#catalog/models/notice'
import Guide from '#catalog/models/guide'
import Download from '#catalog/models/download'
import {
  DOWNLOAD_CATEGORIES,
  GUIDE_CATEGORIES,
  type DownloadCategory,
  type GuideCategory,
} from '#catalog/labels'

/**
 * What applicants read: published notices (once their time has come),
 * published guides and downloads.
 */

/**
 * A LIKE pattern for a keyword, with % and _ taken literally.
 */
export function likePattern(keyword: string) {
  return `%${keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export function cleanKeyword(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 50) : ''
}

/**
 * "Now" in the format the database stores timestamps in (SQLite keeps
 * text, so a bound Date would not compare).
 */
function dbNow() {
  return DateTime.utc().toFormat(db.connection().dialect.dateTimeFormat)
}

function visibleNotices() {
  return Notice.query()
    .where('status', 'published')
    .whereNotNull('published_at')
    .where('published_at', '<=', dbNow())
}

/**
 * The latest notices for the home page (pinned first).
 */
export async function latestNotices(limit = 5) {
  const notices = await visibleNotices()
    .orderBy('pinned', 'desc')
    .orderBy('published_at', 'desc')
    .limit(limit)
  return notices.map((n) => ({
    title: n.title,
    time: formatDate(n.publishedAt),
    href: `/notices/${n.id}`,
  }))
}

export async function publishedNotices(page: number, keyword = '', perPage = 15) {
  const query = visibleNotices()
  if (keyword) {
    const pattern = likePattern(keyword)
    query.where((q) =>
      q
        .whereRaw("lower(title) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(body) like ? escape '\\'", [pattern])
    )
  }
  return query
    .orderBy('pinned', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'asc')
    .paginate(page, perPage)
}

export async function findPublishedNotice(id: string) {
  if (!isUuid(id)) return null
  return visibleNotices().where('id', id).first()
}

function visibleGuides() {
  return Guide.query().where('status', 'published')
}

/**
 * 操作指南, searched by keyword in the title and the text.
 */
export async function publishedGuides(
  page: number,
  filters: { keyword?: string; category?: string } = {},
  perPage = 15
) {
  const query = visibleGuides()
  if (filters.category && filters.category in GUIDE_CATEGORIES)
    query.where('category', filters.category as GuideCategory)
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword)
    query.where((q) =>
      q
        .whereRaw("lower(title) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(body) like ? escape '\\'", [pattern])
    )
  }
  return query
    .orderBy('sort_order', 'asc')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'asc')
    .paginate(page, perPage)
}

export async function findPublishedGuide(id: string) {
  if (!isUuid(id)) return null
  return visibleGuides().where('id', id).first()
}

/**
 * Other guides of the same category, for "相关指南".
 */
export async function relatedGuides(guide: Guide, limit = 5) {
  return visibleGuides()
    .where('category', guide.category)
    .whereNot('id', guide.id)
    .orderBy('sort_order', 'asc')
    .limit(limit)
}

/**
 * 下载专区, grouped by category in the order 驱动, 控件, 模板, 手册.
 */
export async function publishedDownloads() {
  const downloads = await Download.query()
    .where('status', 'published')
    .orderBy('sort_order', 'asc')
    .orderBy('name', 'asc')
  return (Object.keys(DOWNLOAD_CATEGORIES) as DownloadCategory[])
    .map((category) => ({
      category,
      label: DOWNLOAD_CATEGORIES[category],
      items: downloads.filter((d) => d.category === category),
    }))
    .filter((group) => group.items.length > 0)
}

export async function findPublishedDownload(id: string) {
  if (!isUuid(id)) return null
  return Download.query().where('id', id).where('status', 'published').first()
}
