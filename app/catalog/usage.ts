/**
 * Catalog items that other modules keep referring to (an order's
 * product, its uploaded materials, its pickup point) must not be
 * deleted. The catalog cannot read those modules' tables, so they
 * register a checker here (from their routes.ts), the way the home page
 * registry works: `catalogUsage.register(async (kind, id) => count)`.
 */
export type CatalogUsageKind = 'product' | 'material' | 'pickup_point' | 'shipping_origin'

type UsageChecker = (kind: CatalogUsageKind, id: string) => Promise<number>

class CatalogUsageRegistry {
  #checkers: UsageChecker[] = []

  /**
   * Returns a function that removes the checker again.
   */
  register(checker: UsageChecker) {
    this.#checkers.push(checker)
    return () => {
      this.#checkers = this.#checkers.filter((c) => c !== checker)
    }
  }

  /**
   * How many references the other modules hold to this item.
   */
  async count(kind: CatalogUsageKind, id: string): Promise<number> {
    let total = 0
    for (const checker of this.#checkers) total += await checker(kind, id)
    return total
  }
}

export const catalogUsage = new CatalogUsageRegistry()
