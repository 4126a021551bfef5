/**
 * The office's CMS signature over a seal's GB/T 38540 data (base64 DER,
 * detached). Made with the office's document signer of
 * #issuance/actions/pdf_signing once that is on main; until then null.
 */
export async function signSealData(_text: string, _reference: string): Promise<string | null> {
  return null
}
