import { createHash } from 'node:crypto'
import type { DateTime } from 'luxon'

/**
 * The seal data of GB/T 38540-2020 (电子印章数据: 印章标识, 印章属性 — type,
 * name, validity, the certificate it is bound to — and 印章图像数据 by its
 * SHA-256), kept as canonical JSON (keys in a fixed order) so that the
 * office's signature over it can be checked again from the stored text.
 */
export interface SealData {
  header: { id: 'ES'; version: 4; vid: 'CertDesk' }
  esID: string
  property: {
    type: 'org' | 'person'
    kind: string
    kindLabel: string
    name: string
    ownerName: string
    ownerId: string | null
    certSerial: string | null
    certSubject: string | null
    createDate: string
    validStart: string
    validEnd: string
  }
  picture: { type: 'png'; sha256: string; width: number; height: number; dpi: 300 }
}

/** the seal's own fields that the data's 印章属性 carries as they are */
type CarriedProperty = Pick<
  SealData['property'],
  'kind' | 'kindLabel' | 'name' | 'ownerName' | 'ownerId' | 'certSerial' | 'certSubject'
>

export function buildSealData(
  input: CarriedProperty & {
    code: string
    ownerType: SealData['property']['type']
    createdAt: DateTime
    validFrom: DateTime
    validTo: DateTime
    imageSha256: string
    width: number
    height: number
  }
): string {
  const data: SealData = {
    header: { id: 'ES', version: 4, vid: 'CertDesk' },
    esID: input.code,
    property: {
      type: input.ownerType,
      kind: input.kind,
      kindLabel: input.kindLabel,
      name: input.name,
      ownerName: input.ownerName,
      ownerId: input.ownerId,
      certSerial: input.certSerial,
      certSubject: input.certSubject,
      createDate: input.createdAt.toUTC().toISO()!,
      validStart: input.validFrom.toUTC().toISO()!,
      validEnd: input.validTo.toUTC().toISO()!,
    },
    picture: {
      type: 'png',
      sha256: input.imageSha256,
      width: input.width,
      height: input.height,
      dpi: 300,
    },
  }
  return JSON.stringify(data)
}

export function sha256Hex(bytes: Buffer | string) {
  return createHash('sha256').update(bytes).digest('hex')
}
