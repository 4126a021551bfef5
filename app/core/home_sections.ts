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

type ProgressProvider = (userId: string) => Promise<HomeProgressItem[]>
type NoticeProvider = () => Promise<HomeNoticeItem[]>
type RenewalProvider = (userId: string) => Promise<HomeRenewalItem[]>

class HomeSectionRegistry {
  #progress: ProgressProvider | null = null
  #notices: NoticeProvider | null = null
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

  async collect(user: { id: string } | null): Promise<HomeSections> {
    return {
      progress: user ? (this.#progress ? await this.#progress(user.id) : []) : null,
      notices: this.#notices ? await this.#notices() : [],
      renewals: user && this.#renewals ? await this.#renewals(user.id) : [],
    }
  }
}

export const homeSections = new HomeSectionRegistry()
