import { provinces } from '#core/regions'

/**
 * Place names from a GB/T 2260 region code (#core/regions: provinces and
 * prefecture-level cities, a municipality's districts): the first six
 * characters of an ID number say where it was issued, characters 3–8 of
 * a credit code where the organisation was registered. An address on the
 * document starts with those names, so a name the engine misread by one
 * character (厂东省 for 广东省) is put right from the code, which passed
 * its check character.
 */
/** every province, city and municipal district name */
let known: Set<string> | null = null
function knownPlaces() {
  known ??= new Set(provinces().flatMap((p) => [p.name, ...p.children.map((c) => c.name)]))
  return known
}

export function placesOf(code: string): string[] {
  const province = provinces().find((p) => p.code === code.slice(0, 2))
  if (!province) return []
  const city =
    province.children.find((c) => c.code === code.slice(0, 4)) ??
    province.children.find((c) => c.code === code.slice(0, 6))
  /* a municipality (北京市) has its districts as children: the province is the city */
  return city && city.name !== province.name ? [province.name, city.name] : [province.name]
}

/**
 * The text with its leading place names put right: each expected name in
 * order (the province is optional: licences often start with the city) is
 * taken as read when it matches, replaced when it differs in exactly one
 * character (names of three or more characters only: 深圳市, never 深圳)
 * and what was read is no place name itself (a card issued in 广东省 may
 * give an address in 山东省), and the walk stops at the first name that
 * is not there.
 */
export function fixPlacePrefix(
  text: string,
  places: string[]
): { text: string; fixed: Array<{ read: string; place: string }> } {
  const chars = [...text]
  const fixed: Array<{ read: string; place: string }> = []
  let at = 0
  for (const place of places) {
    const want = [...place]
    if (want.length < 3) break
    const got = chars.slice(at, at + want.length)
    if (got.length < want.length) break
    const differ = want.filter((c, i) => got[i] !== c).length
    if (differ > 1 || (differ === 1 && knownPlaces().has(got.join('')))) continue
    if (differ === 1) {
      fixed.push({ read: got.join(''), place })
      chars.splice(at, want.length, ...want)
    }
    at += want.length
  }
  return { text: chars.join(''), fixed }
}
