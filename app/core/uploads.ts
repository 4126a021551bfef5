import { readFile, stat } from 'node:fs/promises'
import sharp, { type Sharp } from 'sharp'
import type { MultipartFile } from '@adonisjs/core/bodyparser'

/**
 * File types recognised by their content (magic bytes), never by name.
 */
export const FILE_TYPES = {
  jpg: { label: 'JPG', mime: 'image/jpeg', ext: 'jpg' },
  png: { label: 'PNG', mime: 'image/png', ext: 'png' },
  bmp: { label: 'BMP', mime: 'image/bmp', ext: 'bmp' },
  gif: { label: 'GIF', mime: 'image/gif', ext: 'gif' },
  pdf: { label: 'PDF', mime: 'application/pdf', ext: 'pdf' },
  doc: { label: 'DOC', mime: 'application/msword', ext: 'doc' },
  docx: {
    label: 'DOCX',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
  },
  xls: { label: 'XLS', mime: 'application/vnd.ms-excel', ext: 'xls' },
  xlsx: {
    label: 'XLSX',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
  },
  zip: { label: 'ZIP', mime: 'application/zip', ext: 'zip' },
  exe: { label: 'EXE', mime: 'application/vnd.microsoft.portable-executable', ext: 'exe' },
} as const

export type FileType = keyof typeof FILE_TYPES

/**
 * Detect the type of a file from its content: the first bytes (magic
 * numbers), and for zip files the names of their entries. Pass the whole
 * file when it may be a docx/xlsx.
 */
export function sniffFileType(head: Buffer, fullName?: string): FileType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg'
  if (
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png'
  if (head.length >= 2 && head[0] === 0x42 && head[1] === 0x4d) return 'bmp'
  if (
    head.length >= 6 &&
    (head.subarray(0, 6).toString('latin1') === 'GIF87a' ||
      head.subarray(0, 6).toString('latin1') === 'GIF89a')
  )
    return 'gif'
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf'
  if (
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
  ) {
    /* OLE compound file: Word or Excel 97-2003 */
    return fullName?.toLowerCase().endsWith('.xls') ? 'xls' : 'doc'
  }
  if (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    head[2] === 0x03 &&
    head[3] === 0x04
  ) {
    /*
     * Office Open XML is a zip with [Content_Types].xml and a word/ or xl/
     * part. Entry names are stored uncompressed in the local headers and
     * again in the central directory at the end, so look at the whole
     * file: a docx whose first entries are large (a thumbnail) would not
     * show "word/" in its first kilobytes.
     */
    const isOoxml = head.includes('[Content_Types].xml', 0, 'latin1')
    if (isOoxml && head.includes('word/', 0, 'latin1')) return 'docx'
    if (isOoxml && head.includes('xl/', 0, 'latin1')) return 'xlsx'
    return 'zip'
  }
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'exe'
  return null
}

export interface UploadRule {
  /** accepted types, e.g. ['jpg', 'png'] */
  types: readonly FileType[]
  /** bytes */
  maxSize: number
  minSize?: number
}

export type InspectedUpload =
  | { ok: true; type: FileType; mime: string; size: number; buffer: Buffer; clientName: string }
  | { ok: false; message: string }

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}

export function describeRule(rule: UploadRule): string {
  const types = rule.types.map((t) => FILE_TYPES[t].label).join('、')
  const size = rule.minSize
    ? `${formatBytes(rule.minSize)}–${formatBytes(rule.maxSize)}`
    : `${formatBytes(rule.maxSize)}以内`
  return `${size}，${types} 格式`
}

/**
 * Images larger than this (in pixels, width × height) are refused before
 * they are decoded: a 20000×20000 PNG of a few hundred kilobytes would
 * take gigabytes to open (decompression bomb). 40 megapixels covers any
 * phone photo or A4 scan at 600 dpi (about 35 megapixels).
 */
export const MAX_IMAGE_PIXELS = 40_000_000

const REENCODED: Partial<Record<FileType, (image: Sharp) => Sharp>> = {
  jpg: (image) => image.jpeg({ quality: 92 }),
  png: (image) => image.png({ compressionLevel: 6 }),
  gif: (image) => image.gif(),
}

export type ImageCheck = { ok: true; buffer: Buffer } | { ok: false; message: string }

/**
 * Decode an image within the pixel limit and encode it again: what is
 * stored (and later shown to reviewers) is a fresh image made of the
 * pixels only. Anything else the file carried goes: EXIF and GPS
 * metadata, comments, trailing bytes, an HTML page hidden in a
 * JPEG/HTML polyglot. The photo is turned upright first (EXIF
 * orientation). BMP, which the image library cannot encode, keeps its
 * bytes after its size in pixels is checked from its header.
 */
export async function reencodeImage(buffer: Buffer, type: FileType): Promise<ImageCheck> {
  const tooLarge = (width: number, height: number) => ({
    ok: false as const,
    message: `图片尺寸过大（${width}×${height} 像素），请上传不超过 ${MAX_IMAGE_PIXELS / 10_000} 万像素的图片`,
  })
  const unreadable = { ok: false as const, message: '图片文件已损坏或无法识别，请重新选择' }
  if (type === 'bmp') {
    if (buffer.length < 26) return unreadable
    const width = Math.abs(buffer.readInt32LE(18))
    const height = Math.abs(buffer.readInt32LE(22))
    if (width * height > MAX_IMAGE_PIXELS) return tooLarge(width, height)
    return { ok: true, buffer }
  }
  const encode = REENCODED[type]
  if (!encode) return { ok: true, buffer }
  try {
    const animated = type === 'gif'
    // the header only (nothing is decoded yet): refuse a bomb by its size in pixels
    const meta = await sharp(buffer, { limitInputPixels: false, animated }).metadata()
    const width = meta.width ?? 0
    const frame = meta.pageHeight ?? meta.height ?? 0
    // every frame of an animation is decoded
    if (width * frame * (meta.pages ?? 1) > MAX_IMAGE_PIXELS) return tooLarge(width, frame)
    const image = sharp(buffer, { limitInputPixels: MAX_IMAGE_PIXELS, animated }).rotate()
    return { ok: true, buffer: await encode(image).toBuffer() }
  } catch {
    return unreadable
  }
}

/**
 * Check an uploaded file against a rule by its content and size. Returns
 * the bytes to store on success (images re-encoded: reencodeImage), a
 * Chinese message otherwise.
 */
export async function inspectUpload(
  file: MultipartFile | null | undefined,
  rule: UploadRule
): Promise<InspectedUpload> {
  if (!file || !file.tmpPath) return { ok: false, message: '请选择要上传的文件' }
  const size = file.size || (await stat(file.tmpPath).then((s) => s.size))
  if (size === 0) return { ok: false, message: '文件为空，请重新选择' }
  if (size > rule.maxSize) {
    return {
      ok: false,
      message: `文件大小不能超过 ${formatBytes(rule.maxSize)}（当前 ${formatBytes(size)}）`,
    }
  }
  if (rule.minSize && size < rule.minSize) {
    return {
      ok: false,
      message: `文件大小不能小于 ${formatBytes(rule.minSize)}（当前 ${formatBytes(size)}）`,
    }
  }
  const original = await readFile(file.tmpPath)
  const type = sniffFileType(original, file.clientName)
  if (!type || !rule.types.includes(type)) {
    const accepted = rule.types.map((t) => FILE_TYPES[t].label).join('、')
    return { ok: false, message: `文件格式不正确，仅支持 ${accepted} 格式` }
  }
  const image = await reencodeImage(original, type)
  if (!image.ok) return image
  return {
    ok: true,
    type,
    mime: FILE_TYPES[type].mime,
    size: image.buffer.length,
    buffer: image.buffer,
    clientName: file.clientName,
  }
}
