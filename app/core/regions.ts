import regions from './data/regions.json' with { type: 'json' }

export interface Region {
  code: string
  name: string
  children: Array<{ code: string; name: string }>
}

const list = regions as Region[]
const names = new Map<string, string>()
for (const province of list) {
  names.set(province.code, province.name)
  for (const city of province.children) names.set(city.code, `${province.name} ${city.name}`)
}

/**
 * Provinces with their cities (districts for municipalities), for the
 * 所在行政区 select.
 */
export function provinces(): Region[] {
  return list
}

export function isRegionCode(code: unknown): code is string {
  return typeof code === 'string' && names.has(code)
}

export function regionName(code: string | null | undefined): string {
  if (!code) return ''
  return names.get(code) ?? code
}

export const REGION_CODES = [...names.keys()]
