import { isUuid } from '#core/ids'
import SealContract from '#seals/models/seal_contract'

/**
 * Reads of the signed e-contracts: a signer sees the contracts they signed
 * (as themselves or for an org); another person's id is null (→ 404).
 */
export async function contractsOf(userId: string) {
  return SealContract.query().where('user_id', userId).orderBy('signed_at', 'desc').limit(200)
}

export async function findContractOf(userId: string, id: unknown) {
  if (!isUuid(id)) return null
  return SealContract.query().where('user_id', userId).where('id', id).first()
}

/** whether the person has signed the contract (any version, or this one) */
export async function hasSignedContract(userId: string, version?: string) {
  const query = SealContract.query().where('user_id', userId)
  if (version) query.where('version', version)
  return Boolean(await query.first())
}
