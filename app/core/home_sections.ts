import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
/**
 * What other modules show on the home page (a page of accounts), without
 * accounts knowing their tables, and without them depending on accounts:
 * orders registers "latest order progress", catalog registers "latest
 * notices". Each provider returns null when it has nothing to contribute.
 */
export interface HomeProgressItem {
  title: string
  status: string
  tone: string
  time: string
  href: string
}

export interface HomeNoticeItem {
  title: string
  time: string
  href: string
}

/** a certificate due for renewal (certificates registers them) */
export interface HomeRenewalItem {
  title: string
  detail: string
  href: string
  /** the 续期 page, when renewal is open */
  renewHref: string | null
}

export interface HomeSections {
  progress: HomeProgressItem[] | null
  notices: HomeNoticeItem[]
  renewals: HomeRenewalItem[]
}

/**
 * The progress of the person signed in, as the identity they act as in this
 * request (切换身份: the provider asks the orgs module with `ctx`).
 */
type ProgressProvider = (userId: string, ctx: HttpContext | null) => Promise<HomeProgressItem[]>
type NoticeProvider = () => Promise<HomeNoticeItem[]>
type RenewalProvider = (userId: string) => Promise<HomeRenewalItem[]>

/**
 * The latest notices are the same for everyone and shown on every home
 * page view: read at most once per NOTICES_TTL_MS per process (a notice
 * published a few seconds ago appears on the home page that much later;
 * 通知公告 itself is always current). Tests read them afresh.
 */
const NOTICES_TTL_MS = app.inTest ? 0 : 10_000

class HomeSectionRegistry {
  #progress: ProgressProvider | null = null
  #notices: NoticeProvider | null = null
  #latestNotices: { at: number; notices: Promise<HomeNoticeItem[]> } | null = null

  #noticesNow(provider: NoticeProvider): Promise<HomeNoticeItem[]> {
    const now = Date.now()
    if (this.#latestNotices && now - this.#latestNotices.at < NOTICES_TTL_MS) {
      return this.#latestNotices.notices
    }
    const notices = provider()
    if (NOTICES_TTL_MS > 0) {
      this.#latestNotices = { at: now, notices }
      notices.catch(() => (this.#latestNotices = null))
    }
    return notices
  }

  #renewals: RenewalProvider | null = null

  provideRenewals(provider: RenewalProvider) {
    this.#renewals = provider
  }

  provideProgress(provider: ProgressProvider) {
    this.#progress = provider
  }

  provideNotices(provider: NoticeProvider) {
    this.#notices = provider
  }

  async collect(
    user: { id: string } | null,
    ctx: HttpContext | null = null
  ): Promise<HomeSections> {
    return {
      progress: user ? (this.#progress ? await this.#progress(user.id, ctx) : []) : null,
      notices: this.#notices ? await this.#noticesNow(this.#notices) : [],
      renewals: user && this.#renewals ? await this.#renewals(user.id) : [],
    }
  }
}

export const homeSections = new HomeSectionRegistry()
