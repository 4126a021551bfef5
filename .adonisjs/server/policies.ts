export const policies = {
  AccountsAppealReviewPolicy: () => import('#app/accounts/policies/appeal_review_policy'),
  AccountsApplicantPolicy: () => import('#app/accounts/policies/applicant_policy'),
  AccountsPhoneChangeReviewPolicy: () => import('#app/accounts/policies/phone_change_review_policy'),
  AccountsRealnameRealNameReviewPolicy: () => import('#app/accounts/realname/policies/real_name_review_policy'),
  AdminStaffPolicy: () => import('#app/admin/policies/staff_policy'),
  AdminSystemPolicy: () => import('#app/admin/policies/system_policy'),
  CatalogPolicy: () => import('#app/catalog/policies/catalog_policy'),
  CatalogContentPolicy: () => import('#app/catalog/policies/content_policy'),
  InvoicePolicy: () => import('#app/invoices/policies/invoice_policy'),
  IssuanceCertificateAuthorityPolicy: () => import('#app/issuance/policies/certificate_authority_policy'),
  IssuanceIssuedCertificatePolicy: () => import('#app/issuance/policies/issued_certificate_policy'),
  OrderPolicy: () => import('#app/orders/policies/order_policy'),
  OrgsOrgReviewPolicy: () => import('#app/orgs/policies/org_review_policy'),
  PaymentPolicy: () => import('#app/payments/policies/payment_policy'),
  PlatformsIntegrationPolicy: () => import('#app/platforms/policies/integration_policy'),
  SealsSealReviewPolicy: () => import('#app/seals/policies/seal_review_policy'),
}

