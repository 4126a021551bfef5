import { homeSections } from '#core/home_sections'
import { latestNotices } from '#catalog/queries/content'
import '#catalog/lifecycles'

/**
 * What the catalog registers at boot: its lifecycles (their audit labels,
 * lifecycles.ts) and the latest notices on the home page.
 */
homeSections.provideNotices(() => latestNotices(5))
