import encryption from '@adonisjs/core/services/encryption'
import { RuleError } from '#core/rule_error'
import storage from '#core/storage'
import { FILE_TYPES, type FileType } from '#core/uploads'

/**
 * The photo a person chose for 识别 (a licence, an ID card), kept so that
 * the form that comes back prefilled does not ask for it again: a browser
 * never keeps a file input across pages. The photo (already checked and
 * re-encoded by the caller's upload rule) is stored privately under
 * `ocr/kept/`, and the form carries a hidden token: the photo's key, its
 * type and its owner, encrypted with the app key for KEEP_FOR, for this
 * purpose only. Taking it back checks the token's owner and age; the
 * caller stores its own copy with the submission. Kept photos are removed
 * by the hourly `ocr.kept_photos_gc` once their token has expired.
 */
export const KEEP_FOR_MS = 2 * 60 * 60 * 1000
/** the encryption's purpose of a token (tests make expired ones with it) */
export const KEPT_PHOTO_PURPOSE = 'ocr.kept_photo'
const PREFIX = 'ocr/kept'
const HOUR_MS = 60 * 60 * 1000

export interface KeptPhoto {
  buffer: Buffer
  type: FileType
}

export interface KeptPhotoToken {
  key: string
  type: FileType
  owner: string
  /** ms since the epoch */
  expires: number
}

/** keep a checked photo for its owner (a user id); returns the token for the form */
export async function keepPhoto(owner: string | number, photo: KeptPhoto): Promise<string> {
  /* the hour after which the token has expired, in the key: the clean-up needs no table */
  const expires = Date.now() + KEEP_FOR_MS
  const bucket = Math.ceil(expires / HOUR_MS)
  const key = storage.makeKey(`${PREFIX}/${bucket}`, photo.type)
  await storage.put(key, photo.buffer)
  const token: KeptPhotoToken = { key, type: photo.type, owner: String(owner), expires }
  return encryption.encrypt(token, `${KEEP_FOR_MS / 1000}s`, KEPT_PHOTO_PURPOSE)
}

/**
 * The photo of a token, for its owner only. An expired, altered or other
 * user's token is refused at the form's photo field: choose it again.
 */
export async function takeKeptPhoto(
  token: string,
  owner: string | number,
  field: string
): Promise<KeptPhoto> {
  const refused = () =>
    new RuleError('识别时选择的照片已失效，请重新选择照片', { field, code: 'kept_photo_expired' })
  const value = token ? encryption.decrypt<KeptPhotoToken>(token, KEPT_PHOTO_PURPOSE) : null
  if (
    !value ||
    typeof value.key !== 'string' ||
    !value.key.startsWith(`${PREFIX}/`) ||
    !(value.type in FILE_TYPES) ||
    value.owner !== String(owner) ||
    !(value.expires > Date.now())
  ) {
    throw refused()
  }
  try {
    return { buffer: await storage.get(value.key), type: value.type }
  } catch {
    throw refused()
  }
}

/** remove the kept photos whose tokens have expired; returns how many */
export async function sweepKeptPhotos(now = Date.now()): Promise<number> {
  let removed = 0
  const listing = await storage.disk().listAll(PREFIX, { recursive: false })
  for (const entry of listing.objects) {
    if (entry.isFile) continue
    const bucket = Number(entry.name)
    if (Number.isInteger(bucket) && bucket * HOUR_MS < now) {
      await storage.disk().deleteAll(`${PREFIX}/${entry.name}`)
      removed++
    }
  }
  return removed
}
