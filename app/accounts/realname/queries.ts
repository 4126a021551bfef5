import User from '#accounts/models/user'

/**
 * What a reviewer sees of the applicant next to a real-name request.
 */
export async function findApplicantSummary(userId: string) {
  const user = await User.find(userId)
  if (!user) return null
  return {
    id: user.id,
    displayName: user.displayName,
    accountType: user.accountTypeLabel,
    phone: user.phone,
    registeredName: user.name,
    registeredIdType: user.idType,
    registeredIdNumber: user.idNumber,
    createdAt: user.createdAt,
  }
}
