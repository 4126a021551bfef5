import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'core.messages.index': { paramsTuple?: []; params?: {} }
    'core.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'core.messages.readAll': { paramsTuple?: []; params?: {} }
    'accounts.home': { paramsTuple?: []; params?: {} }
    'accounts.register.create': { paramsTuple?: []; params?: {} }
    'accounts.register.store': { paramsTuple?: []; params?: {} }
    'accounts.session.create': { paramsTuple?: []; params?: {} }
    'accounts.session.store': { paramsTuple?: []; params?: {} }
    'accounts.session.storeSms': { paramsTuple?: []; params?: {} }
    'accounts.password_reset.create': { paramsTuple?: []; params?: {} }
    'accounts.password_reset.store': { paramsTuple?: []; params?: {} }
    'accounts.lost_phone.create': { paramsTuple?: []; params?: {} }
    'accounts.lost_phone.store': { paramsTuple?: []; params?: {} }
    'accounts.agreements.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'accounts.appeals.create': { paramsTuple?: []; params?: {} }
    'accounts.appeals.store': { paramsTuple?: []; params?: {} }
    'accounts.appeals.submitted': { paramsTuple?: []; params?: {} }
    'accounts.sms_codes.store': { paramsTuple?: []; params?: {} }
    'accounts.session.destroy': { paramsTuple?: []; params?: {} }
    'accounts.account.show': { paramsTuple?: []; params?: {} }
    'accounts.account.edit': { paramsTuple?: []; params?: {} }
    'accounts.account.update': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'accounts.password.update': { paramsTuple?: []; params?: {} }
    'accounts.phone.edit': { paramsTuple?: []; params?: {} }
    'accounts.phone.update': { paramsTuple?: []; params?: {} }
    'accounts.phone.lostCreate': { paramsTuple?: []; params?: {} }
    'accounts.phone.lostStore': { paramsTuple?: []; params?: {} }
    'accounts.phone.showRequest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.phone.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.phone.cancelRequest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.devices.index': { paramsTuple?: []; params?: {} }
    'accounts.devices.destroyOthers': { paramsTuple?: []; params?: {} }
    'accounts.devices.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.logs.index': { paramsTuple?: []; params?: {} }
    'accounts.logs.show': { paramsTuple: [ParamValue]; params: {'ref': ParamValue} }
    'accounts.deregistration.show': { paramsTuple?: []; params?: {} }
    'accounts.deregistration.store': { paramsTuple?: []; params?: {} }
    'accounts.real_name.show': { paramsTuple?: []; params?: {} }
    'accounts.real_name.online': { paramsTuple?: []; params?: {} }
    'accounts.real_name.bank_card': { paramsTuple?: []; params?: {} }
    'accounts.real_name.operator': { paramsTuple?: []; params?: {} }
    'accounts.real_name.manual': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.store': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.real_name.face.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.real_name.face.callback': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.done': { paramsTuple?: []; params?: {} }
    'accounts.real_name.sandbox_face.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'accounts.real_name.sandbox_face.submit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.applicants.index': { paramsTuple?: []; params?: {} }
    'admin.applicants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applicants.freeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applicants.unfreeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.real_name.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.phone_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.appeals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.photo': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'side': ParamValue} }
    'admin.reviews.real_name.ocr': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'side': ParamValue} }
    'orgs.sign.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.sign.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.transfer_sign.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'token': ParamValue} }
    'orgs.transfer_sign.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'token': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.search': { paramsTuple?: []; params?: {} }
    'orgs.history': { paramsTuple?: []; params?: {} }
    'orgs.letter': { paramsTuple?: []; params?: {} }
    'orgs.identity.show': { paramsTuple?: []; params?: {} }
    'orgs.identity.update': { paramsTuple?: []; params?: {} }
    'orgs.claims.create': { paramsTuple?: []; params?: {} }
    'orgs.claims.store': { paramsTuple?: []; params?: {} }
    'orgs.claims.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.deposit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.manual': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.licence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.appeal.create': { paramsTuple?: []; params?: {} }
    'orgs.appeal.store': { paramsTuple?: []; params?: {} }
    'orgs.join.create': { paramsTuple?: []; params?: {} }
    'orgs.join.verify': { paramsTuple?: []; params?: {} }
    'orgs.join.apply': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.licence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.confirmRemove': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'memberId': ParamValue} }
    'orgs.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'memberId': ParamValue} }
    'orgs.leave.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.leave.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.seal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.signature': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'transferId': ParamValue} }
    'orgs.deregister.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.deregister.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.change.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.change.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'orgs.approvals.approve': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'orgs.approvals.reject': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'admin.reviews.org_claims.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.org_claims.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_claims.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_claims.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_claims.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'admin.reviews.org_cases.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.org_cases.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'admin.orgs.bank_outbox': { paramsTuple?: []; params?: {} }
    'admin.orgs.transfers.index': { paramsTuple?: []; params?: {} }
    'admin.orgs.transfers.signature': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.notices.index': { paramsTuple?: []; params?: {} }
    'catalog.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.guides.index': { paramsTuple?: []; params?: {} }
    'catalog.guides.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.downloads.index': { paramsTuple?: []; params?: {} }
    'catalog.downloads.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.templates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.create': { paramsTuple: [ParamValue]; params: {'productId': ParamValue} }
    'admin.catalog.materials.store': { paramsTuple: [ParamValue]; params: {'productId': ParamValue} }
    'admin.catalog.materials.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.index': { paramsTuple?: []; params?: {} }
    'admin.content.notices.create': { paramsTuple?: []; params?: {} }
    'admin.content.notices.store': { paramsTuple?: []; params?: {} }
    'admin.content.notices.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.index': { paramsTuple?: []; params?: {} }
    'admin.content.guides.create': { paramsTuple?: []; params?: {} }
    'admin.content.guides.store': { paramsTuple?: []; params?: {} }
    'admin.content.guides.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.index': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.create': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.store': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'issuance.pki.index': { paramsTuple?: []; params?: {} }
    'issuance.pki.certificate': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'issuance.pki.crl': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'issuance.pki.ocsp.post': { paramsTuple?: []; params?: {} }
    'issuance.pki.ocsp.get': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'admin.ca.index': { paramsTuple?: []; params?: {} }
    'admin.ca.crl.publish': { paramsTuple?: []; params?: {} }
    'admin.certificates.index': { paramsTuple?: []; params?: {} }
    'admin.certificates.show': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.download': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.revoke': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.suspend': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.resume': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'certificates.index': { paramsTuple?: []; params?: {} }
    'certificates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'certificates.pkcs12': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.change_pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.revoke.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.suspend.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unlock.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unlock': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unbind.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unbind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.withdraw': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'grantId': ParamValue} }
    'seals.index': { paramsTuple?: []; params?: {} }
    'seals.lapsed': { paramsTuple?: []; params?: {} }
    'seals.create': { paramsTuple?: []; params?: {} }
    'seals.preview': { paramsTuple?: []; params?: {} }
    'seals.store': { paramsTuple?: []; params?: {} }
    'seals.photo.create': { paramsTuple?: []; params?: {} }
    'seals.photo.recognise': { paramsTuple?: []; params?: {} }
    'seals.photo.store': { paramsTuple?: []; params?: {} }
    'seals.applicationForm': { paramsTuple?: []; params?: {} }
    'seals.signature.create': { paramsTuple?: []; params?: {} }
    'seals.signature.store': { paramsTuple?: []; params?: {} }
    'seals.grants.index': { paramsTuple?: []; params?: {} }
    'seals.grants.store': { paramsTuple?: []; params?: {} }
    'seals.grants.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.usages': { paramsTuple?: []; params?: {} }
    'seals.contracts.index': { paramsTuple?: []; params?: {} }
    'seals.contracts.create': { paramsTuple?: []; params?: {} }
    'seals.contracts.store': { paramsTuple?: []; params?: {} }
    'seals.contracts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.contracts.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.image': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.sealData': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'part': ParamValue} }
    'seals.replace': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.seals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.image': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'payments.refunds.create': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'payments.refunds.store': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'payments.refunds.notify': { paramsTuple: [ParamValue]; params: {'gateway': ParamValue} }
    'payments.store': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.check': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.voucher.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.voucher.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voucherId': ParamValue} }
    'payments.sandbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.sandbox.pay': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.notify': { paramsTuple: [ParamValue]; params: {'gateway': ParamValue} }
    'admin.payments.refunds.index': { paramsTuple?: []; params?: {} }
    'admin.payments.refunds.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.bank': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.voucher': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.books.index': { paramsTuple?: []; params?: {} }
    'admin.payments.books.export': { paramsTuple?: []; params?: {} }
    'admin.payments.books.reconciliation': { paramsTuple?: []; params?: {} }
    'admin.payments.books.import': { paramsTuple?: []; params?: {} }
    'admin.payments.books.imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.index': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.index': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.transfers.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.transfers.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.vouchers.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.sync': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.services': { paramsTuple?: []; params?: {} }
    'orders.service_orders.pick': { paramsTuple: [ParamValue]; params: {'service': ParamValue} }
    'orders.service_orders.show': { paramsTuple: [ParamValue,ParamValue]; params: {'service': ParamValue,'certificateId': ParamValue} }
    'orders.service_orders.start': { paramsTuple: [ParamValue,ParamValue]; params: {'service': ParamValue,'certificateId': ParamValue} }
    'orders.apply.platforms': { paramsTuple?: []; params?: {} }
    'orders.apply.products': { paramsTuple: [ParamValue]; params: {'platformId': ParamValue} }
    'orders.apply.start': { paramsTuple?: []; params?: {} }
    'orders.apply.product': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.product.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.agreement': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.agreement.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.applicant': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.applicant.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.materials': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.materials.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.delivery': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.delivery.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.confirm': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.submit': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.pay': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.payments.new': { paramsTuple?: []; params?: {} }
    'orders.done': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.cancel.form': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.cancel': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.fix': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.resubmit': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.material': { paramsTuple: [ParamValue,ParamValue]; params: {'orderNo': ParamValue,'materialId': ParamValue} }
    'orders.receive': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.make': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.make.store': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.addresses.index': { paramsTuple?: []; params?: {} }
    'orders.addresses.create': { paramsTuple?: []; params?: {} }
    'orders.addresses.store': { paramsTuple?: []; params?: {} }
    'orders.addresses.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.addresses.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.addresses.default': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.addresses.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.query.show': { paramsTuple?: []; params?: {} }
    'orders.query.verify': { paramsTuple?: []; params?: {} }
    'orders.query.results': { paramsTuple?: []; params?: {} }
    'admin.reviews.orders': { paramsTuple?: []; params?: {} }
    'admin.orders.index': { paramsTuple?: []; params?: {} }
    'admin.orders.show': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.material': { paramsTuple: [ParamValue,ParamValue]; params: {'orderNo': ParamValue,'materialId': ParamValue} }
    'admin.orders.approve': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.reject': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.issue': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.fulfilment.index': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'admin.orders.make': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.ship': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.hand_over': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'invoices.titles.index': { paramsTuple?: []; params?: {} }
    'invoices.titles.create': { paramsTuple?: []; params?: {} }
    'invoices.titles.store': { paramsTuple?: []; params?: {} }
    'invoices.titles.destroy': { paramsTuple?: []; params?: {} }
    'invoices.titles.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.titles.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.index': { paramsTuple?: []; params?: {} }
    'invoices.new': { paramsTuple?: []; params?: {} }
    'invoices.confirm': { paramsTuple?: []; params?: {} }
    'invoices.store': { paramsTuple?: []; params?: {} }
    'invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.shared': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.invoices.index': { paramsTuple?: []; params?: {} }
    'admin.invoices.export': { paramsTuple?: []; params?: {} }
    'admin.invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invoices.issue': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invoices.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invoices.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.mail.index': { paramsTuple?: []; params?: {} }
    'platforms.api.ping': { paramsTuple?: []; params?: {} }
    'platforms.api.sessions.store': { paramsTuple?: []; params?: {} }
    'platforms.api.sessions.by_tid': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.api.sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.sessions.result': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.tasks.store': { paramsTuple?: []; params?: {} }
    'platforms.api.tasks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.scan.qr': { paramsTuple?: []; params?: {} }
    'platforms.scan.show': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.submit': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.abort': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.open': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.done': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.seal_image': { paramsTuple: [ParamValue,ParamValue]; params: {'tid': ParamValue,'sealId': ParamValue} }
    'platforms.index': { paramsTuple?: []; params?: {} }
    'platforms.open': { paramsTuple?: []; params?: {} }
    'platforms.accounts.register': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.accounts.bind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.accounts.unbind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.packages.create': { paramsTuple?: []; params?: {} }
    'platforms.packages.store': { paramsTuple?: []; params?: {} }
    'platforms.packages.extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.packages.store_extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.seal_packages.create': { paramsTuple?: []; params?: {} }
    'platforms.seal_packages.store': { paramsTuple?: []; params?: {} }
    'platforms.seal_packages.extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.seal_packages.store_extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.reports': { paramsTuple?: []; params?: {} }
    'platforms.tasks': { paramsTuple?: []; params?: {} }
    'platforms.tasks.sign': { paramsTuple?: []; params?: {} }
    'platforms.tasks.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.demo.index': { paramsTuple?: []; params?: {} }
    'platforms.demo.start': { paramsTuple?: []; params?: {} }
    'platforms.demo.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.index': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.create': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.store': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.enable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.rotate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.test': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.packages.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.calls': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.webhooks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.session.create': { paramsTuple?: []; params?: {} }
    'admin.session.store': { paramsTuple?: []; params?: {} }
    'admin.session.destroy': { paramsTuple?: []; params?: {} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
    'admin.staff.index': { paramsTuple?: []; params?: {} }
    'admin.staff.create': { paramsTuple?: []; params?: {} }
    'admin.staff.store': { paramsTuple?: []; params?: {} }
    'admin.staff.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.password': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.password.reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile.password': { paramsTuple?: []; params?: {} }
    'admin.profile.password.update': { paramsTuple?: []; params?: {} }
    'admin.sms.index': { paramsTuple?: []; params?: {} }
    'admin.audit.index': { paramsTuple?: []; params?: {} }
    'admin.audit.verify': { paramsTuple?: []; params?: {} }
    'admin.audit.show': { paramsTuple: [ParamValue]; params: {'seq': ParamValue} }
    'admin.jobs.index': { paramsTuple?: []; params?: {} }
    'admin.jobs.retry': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.not_found': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  GET: {
    'core.messages.index': { paramsTuple?: []; params?: {} }
    'core.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.home': { paramsTuple?: []; params?: {} }
    'accounts.register.create': { paramsTuple?: []; params?: {} }
    'accounts.session.create': { paramsTuple?: []; params?: {} }
    'accounts.password_reset.create': { paramsTuple?: []; params?: {} }
    'accounts.lost_phone.create': { paramsTuple?: []; params?: {} }
    'accounts.agreements.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'accounts.appeals.create': { paramsTuple?: []; params?: {} }
    'accounts.appeals.submitted': { paramsTuple?: []; params?: {} }
    'accounts.account.show': { paramsTuple?: []; params?: {} }
    'accounts.account.edit': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'accounts.phone.edit': { paramsTuple?: []; params?: {} }
    'accounts.phone.lostCreate': { paramsTuple?: []; params?: {} }
    'accounts.phone.showRequest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.phone.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.devices.index': { paramsTuple?: []; params?: {} }
    'accounts.logs.index': { paramsTuple?: []; params?: {} }
    'accounts.logs.show': { paramsTuple: [ParamValue]; params: {'ref': ParamValue} }
    'accounts.deregistration.show': { paramsTuple?: []; params?: {} }
    'accounts.real_name.show': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.real_name.face.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.real_name.face.done': { paramsTuple?: []; params?: {} }
    'accounts.real_name.sandbox_face.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.applicants.index': { paramsTuple?: []; params?: {} }
    'admin.applicants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.real_name.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.phone_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.appeals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.photo': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'side': ParamValue} }
    'orgs.sign.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.transfer_sign.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'token': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.search': { paramsTuple?: []; params?: {} }
    'orgs.history': { paramsTuple?: []; params?: {} }
    'orgs.letter': { paramsTuple?: []; params?: {} }
    'orgs.identity.show': { paramsTuple?: []; params?: {} }
    'orgs.claims.create': { paramsTuple?: []; params?: {} }
    'orgs.claims.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.licence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.appeal.create': { paramsTuple?: []; params?: {} }
    'orgs.join.create': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.licence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.confirmRemove': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'memberId': ParamValue} }
    'orgs.leave.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.signature': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'transferId': ParamValue} }
    'orgs.deregister.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.change.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'admin.reviews.org_claims.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.org_claims.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_claims.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'admin.reviews.org_cases.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.org_cases.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'admin.orgs.bank_outbox': { paramsTuple?: []; params?: {} }
    'admin.orgs.transfers.index': { paramsTuple?: []; params?: {} }
    'admin.orgs.transfers.signature': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.notices.index': { paramsTuple?: []; params?: {} }
    'catalog.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.guides.index': { paramsTuple?: []; params?: {} }
    'catalog.guides.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.downloads.index': { paramsTuple?: []; params?: {} }
    'catalog.downloads.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.templates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.create': { paramsTuple: [ParamValue]; params: {'productId': ParamValue} }
    'admin.catalog.materials.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.index': { paramsTuple?: []; params?: {} }
    'admin.content.notices.create': { paramsTuple?: []; params?: {} }
    'admin.content.notices.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.index': { paramsTuple?: []; params?: {} }
    'admin.content.guides.create': { paramsTuple?: []; params?: {} }
    'admin.content.guides.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.index': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.create': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'issuance.pki.index': { paramsTuple?: []; params?: {} }
    'issuance.pki.certificate': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'issuance.pki.crl': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'issuance.pki.ocsp.get': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'admin.ca.index': { paramsTuple?: []; params?: {} }
    'admin.certificates.index': { paramsTuple?: []; params?: {} }
    'admin.certificates.show': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.download': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'certificates.index': { paramsTuple?: []; params?: {} }
    'certificates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'certificates.pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.revoke.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.suspend.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unlock.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unbind.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.index': { paramsTuple?: []; params?: {} }
    'seals.lapsed': { paramsTuple?: []; params?: {} }
    'seals.create': { paramsTuple?: []; params?: {} }
    'seals.photo.create': { paramsTuple?: []; params?: {} }
    'seals.applicationForm': { paramsTuple?: []; params?: {} }
    'seals.signature.create': { paramsTuple?: []; params?: {} }
    'seals.grants.index': { paramsTuple?: []; params?: {} }
    'seals.usages': { paramsTuple?: []; params?: {} }
    'seals.contracts.index': { paramsTuple?: []; params?: {} }
    'seals.contracts.create': { paramsTuple?: []; params?: {} }
    'seals.contracts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.contracts.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.image': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.sealData': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'part': ParamValue} }
    'admin.reviews.seals.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.seals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.image': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'payments.refunds.create': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.voucher.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voucherId': ParamValue} }
    'payments.sandbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.index': { paramsTuple?: []; params?: {} }
    'admin.payments.refunds.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.voucher': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.books.index': { paramsTuple?: []; params?: {} }
    'admin.payments.books.export': { paramsTuple?: []; params?: {} }
    'admin.payments.books.reconciliation': { paramsTuple?: []; params?: {} }
    'admin.payments.books.imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.index': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.index': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.vouchers.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.services': { paramsTuple?: []; params?: {} }
    'orders.service_orders.pick': { paramsTuple: [ParamValue]; params: {'service': ParamValue} }
    'orders.service_orders.show': { paramsTuple: [ParamValue,ParamValue]; params: {'service': ParamValue,'certificateId': ParamValue} }
    'orders.apply.platforms': { paramsTuple?: []; params?: {} }
    'orders.apply.products': { paramsTuple: [ParamValue]; params: {'platformId': ParamValue} }
    'orders.apply.product': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.agreement': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.applicant': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.materials': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.delivery': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.confirm': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.pay': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.payments.new': { paramsTuple?: []; params?: {} }
    'orders.done': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.cancel.form': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.fix': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.material': { paramsTuple: [ParamValue,ParamValue]; params: {'orderNo': ParamValue,'materialId': ParamValue} }
    'orders.make': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.addresses.index': { paramsTuple?: []; params?: {} }
    'orders.addresses.create': { paramsTuple?: []; params?: {} }
    'orders.addresses.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.query.show': { paramsTuple?: []; params?: {} }
    'orders.query.results': { paramsTuple?: []; params?: {} }
    'admin.reviews.orders': { paramsTuple?: []; params?: {} }
    'admin.orders.index': { paramsTuple?: []; params?: {} }
    'admin.orders.show': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.material': { paramsTuple: [ParamValue,ParamValue]; params: {'orderNo': ParamValue,'materialId': ParamValue} }
    'admin.fulfilment.index': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'invoices.titles.index': { paramsTuple?: []; params?: {} }
    'invoices.titles.create': { paramsTuple?: []; params?: {} }
    'invoices.titles.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.index': { paramsTuple?: []; params?: {} }
    'invoices.new': { paramsTuple?: []; params?: {} }
    'invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.shared': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.invoices.index': { paramsTuple?: []; params?: {} }
    'admin.invoices.export': { paramsTuple?: []; params?: {} }
    'admin.invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invoices.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.mail.index': { paramsTuple?: []; params?: {} }
    'platforms.api.ping': { paramsTuple?: []; params?: {} }
    'platforms.api.sessions.by_tid': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.api.sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.sessions.result': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.tasks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.scan.qr': { paramsTuple?: []; params?: {} }
    'platforms.scan.show': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.done': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.seal_image': { paramsTuple: [ParamValue,ParamValue]; params: {'tid': ParamValue,'sealId': ParamValue} }
    'platforms.index': { paramsTuple?: []; params?: {} }
    'platforms.accounts.register': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.packages.create': { paramsTuple?: []; params?: {} }
    'platforms.packages.extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.seal_packages.create': { paramsTuple?: []; params?: {} }
    'platforms.seal_packages.extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.reports': { paramsTuple?: []; params?: {} }
    'platforms.tasks': { paramsTuple?: []; params?: {} }
    'platforms.demo.index': { paramsTuple?: []; params?: {} }
    'platforms.demo.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.index': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.create': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.calls': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.webhooks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.session.create': { paramsTuple?: []; params?: {} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
    'admin.staff.index': { paramsTuple?: []; params?: {} }
    'admin.staff.create': { paramsTuple?: []; params?: {} }
    'admin.staff.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.password': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile.password': { paramsTuple?: []; params?: {} }
    'admin.sms.index': { paramsTuple?: []; params?: {} }
    'admin.audit.index': { paramsTuple?: []; params?: {} }
    'admin.audit.show': { paramsTuple: [ParamValue]; params: {'seq': ParamValue} }
    'admin.jobs.index': { paramsTuple?: []; params?: {} }
    'admin.not_found': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  HEAD: {
    'core.messages.index': { paramsTuple?: []; params?: {} }
    'core.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.home': { paramsTuple?: []; params?: {} }
    'accounts.register.create': { paramsTuple?: []; params?: {} }
    'accounts.session.create': { paramsTuple?: []; params?: {} }
    'accounts.password_reset.create': { paramsTuple?: []; params?: {} }
    'accounts.lost_phone.create': { paramsTuple?: []; params?: {} }
    'accounts.agreements.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'accounts.appeals.create': { paramsTuple?: []; params?: {} }
    'accounts.appeals.submitted': { paramsTuple?: []; params?: {} }
    'accounts.account.show': { paramsTuple?: []; params?: {} }
    'accounts.account.edit': { paramsTuple?: []; params?: {} }
    'accounts.password.edit': { paramsTuple?: []; params?: {} }
    'accounts.phone.edit': { paramsTuple?: []; params?: {} }
    'accounts.phone.lostCreate': { paramsTuple?: []; params?: {} }
    'accounts.phone.showRequest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.phone.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.devices.index': { paramsTuple?: []; params?: {} }
    'accounts.logs.index': { paramsTuple?: []; params?: {} }
    'accounts.logs.show': { paramsTuple: [ParamValue]; params: {'ref': ParamValue} }
    'accounts.deregistration.show': { paramsTuple?: []; params?: {} }
    'accounts.real_name.show': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.real_name.face.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.real_name.face.done': { paramsTuple?: []; params?: {} }
    'accounts.real_name.sandbox_face.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.applicants.index': { paramsTuple?: []; params?: {} }
    'admin.applicants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.real_name.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.phone_changes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.appeals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.photo': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'side': ParamValue} }
    'orgs.sign.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.transfer_sign.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'token': ParamValue} }
    'orgs.index': { paramsTuple?: []; params?: {} }
    'orgs.search': { paramsTuple?: []; params?: {} }
    'orgs.history': { paramsTuple?: []; params?: {} }
    'orgs.letter': { paramsTuple?: []; params?: {} }
    'orgs.identity.show': { paramsTuple?: []; params?: {} }
    'orgs.claims.create': { paramsTuple?: []; params?: {} }
    'orgs.claims.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.licence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.appeal.create': { paramsTuple?: []; params?: {} }
    'orgs.join.create': { paramsTuple?: []; params?: {} }
    'orgs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.licence': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.confirmRemove': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'memberId': ParamValue} }
    'orgs.leave.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.signature': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'transferId': ParamValue} }
    'orgs.deregister.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.change.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'admin.reviews.org_claims.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.org_claims.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_claims.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'admin.reviews.org_cases.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.org_cases.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'admin.orgs.bank_outbox': { paramsTuple?: []; params?: {} }
    'admin.orgs.transfers.index': { paramsTuple?: []; params?: {} }
    'admin.orgs.transfers.signature': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.notices.index': { paramsTuple?: []; params?: {} }
    'catalog.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.guides.index': { paramsTuple?: []; params?: {} }
    'catalog.guides.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.downloads.index': { paramsTuple?: []; params?: {} }
    'catalog.downloads.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'catalog.templates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.index': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.create': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.create': { paramsTuple: [ParamValue]; params: {'productId': ParamValue} }
    'admin.catalog.materials.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.index': { paramsTuple?: []; params?: {} }
    'admin.content.notices.create': { paramsTuple?: []; params?: {} }
    'admin.content.notices.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.index': { paramsTuple?: []; params?: {} }
    'admin.content.guides.create': { paramsTuple?: []; params?: {} }
    'admin.content.guides.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.index': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.create': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'issuance.pki.index': { paramsTuple?: []; params?: {} }
    'issuance.pki.certificate': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'issuance.pki.crl': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'issuance.pki.ocsp.get': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
    'admin.ca.index': { paramsTuple?: []; params?: {} }
    'admin.certificates.index': { paramsTuple?: []; params?: {} }
    'admin.certificates.show': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.download': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'certificates.index': { paramsTuple?: []; params?: {} }
    'certificates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'certificates.pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.revoke.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.suspend.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unlock.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unbind.form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.index': { paramsTuple?: []; params?: {} }
    'seals.lapsed': { paramsTuple?: []; params?: {} }
    'seals.create': { paramsTuple?: []; params?: {} }
    'seals.photo.create': { paramsTuple?: []; params?: {} }
    'seals.applicationForm': { paramsTuple?: []; params?: {} }
    'seals.signature.create': { paramsTuple?: []; params?: {} }
    'seals.grants.index': { paramsTuple?: []; params?: {} }
    'seals.usages': { paramsTuple?: []; params?: {} }
    'seals.contracts.index': { paramsTuple?: []; params?: {} }
    'seals.contracts.create': { paramsTuple?: []; params?: {} }
    'seals.contracts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.contracts.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.image': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.sealData': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'part': ParamValue} }
    'admin.reviews.seals.index': { paramsTuple?: []; params?: {} }
    'admin.reviews.seals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.image': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'which': ParamValue} }
    'payments.refunds.create': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.voucher.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voucherId': ParamValue} }
    'payments.sandbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.index': { paramsTuple?: []; params?: {} }
    'admin.payments.refunds.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.voucher': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.books.index': { paramsTuple?: []; params?: {} }
    'admin.payments.books.export': { paramsTuple?: []; params?: {} }
    'admin.payments.books.reconciliation': { paramsTuple?: []; params?: {} }
    'admin.payments.books.imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.index': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.index': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.vouchers.file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.services': { paramsTuple?: []; params?: {} }
    'orders.service_orders.pick': { paramsTuple: [ParamValue]; params: {'service': ParamValue} }
    'orders.service_orders.show': { paramsTuple: [ParamValue,ParamValue]; params: {'service': ParamValue,'certificateId': ParamValue} }
    'orders.apply.platforms': { paramsTuple?: []; params?: {} }
    'orders.apply.products': { paramsTuple: [ParamValue]; params: {'platformId': ParamValue} }
    'orders.apply.product': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.agreement': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.applicant': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.materials': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.delivery': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.confirm': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.pay': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.payments.new': { paramsTuple?: []; params?: {} }
    'orders.done': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.cancel.form': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.fix': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.material': { paramsTuple: [ParamValue,ParamValue]; params: {'orderNo': ParamValue,'materialId': ParamValue} }
    'orders.make': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.addresses.index': { paramsTuple?: []; params?: {} }
    'orders.addresses.create': { paramsTuple?: []; params?: {} }
    'orders.addresses.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.query.show': { paramsTuple?: []; params?: {} }
    'orders.query.results': { paramsTuple?: []; params?: {} }
    'admin.reviews.orders': { paramsTuple?: []; params?: {} }
    'admin.orders.index': { paramsTuple?: []; params?: {} }
    'admin.orders.show': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.material': { paramsTuple: [ParamValue,ParamValue]; params: {'orderNo': ParamValue,'materialId': ParamValue} }
    'admin.fulfilment.index': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'invoices.titles.index': { paramsTuple?: []; params?: {} }
    'invoices.titles.create': { paramsTuple?: []; params?: {} }
    'invoices.titles.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.index': { paramsTuple?: []; params?: {} }
    'invoices.new': { paramsTuple?: []; params?: {} }
    'invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.shared': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.invoices.index': { paramsTuple?: []; params?: {} }
    'admin.invoices.export': { paramsTuple?: []; params?: {} }
    'admin.invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invoices.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.mail.index': { paramsTuple?: []; params?: {} }
    'platforms.api.ping': { paramsTuple?: []; params?: {} }
    'platforms.api.sessions.by_tid': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.api.sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.sessions.result': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.tasks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.scan.qr': { paramsTuple?: []; params?: {} }
    'platforms.scan.show': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.done': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.seal_image': { paramsTuple: [ParamValue,ParamValue]; params: {'tid': ParamValue,'sealId': ParamValue} }
    'platforms.index': { paramsTuple?: []; params?: {} }
    'platforms.accounts.register': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.packages.create': { paramsTuple?: []; params?: {} }
    'platforms.packages.extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.seal_packages.create': { paramsTuple?: []; params?: {} }
    'platforms.seal_packages.extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.reports': { paramsTuple?: []; params?: {} }
    'platforms.tasks': { paramsTuple?: []; params?: {} }
    'platforms.demo.index': { paramsTuple?: []; params?: {} }
    'platforms.demo.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.index': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.create': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.calls': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.webhooks': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.session.create': { paramsTuple?: []; params?: {} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
    'admin.staff.index': { paramsTuple?: []; params?: {} }
    'admin.staff.create': { paramsTuple?: []; params?: {} }
    'admin.staff.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.password': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile.password': { paramsTuple?: []; params?: {} }
    'admin.sms.index': { paramsTuple?: []; params?: {} }
    'admin.audit.index': { paramsTuple?: []; params?: {} }
    'admin.audit.show': { paramsTuple: [ParamValue]; params: {'seq': ParamValue} }
    'admin.jobs.index': { paramsTuple?: []; params?: {} }
    'admin.not_found': { paramsTuple: [...ParamValue[]]; params: {'*': ParamValue[]} }
  }
  POST: {
    'core.messages.readAll': { paramsTuple?: []; params?: {} }
    'accounts.register.store': { paramsTuple?: []; params?: {} }
    'accounts.session.store': { paramsTuple?: []; params?: {} }
    'accounts.session.storeSms': { paramsTuple?: []; params?: {} }
    'accounts.password_reset.store': { paramsTuple?: []; params?: {} }
    'accounts.lost_phone.store': { paramsTuple?: []; params?: {} }
    'accounts.appeals.store': { paramsTuple?: []; params?: {} }
    'accounts.sms_codes.store': { paramsTuple?: []; params?: {} }
    'accounts.session.destroy': { paramsTuple?: []; params?: {} }
    'accounts.account.update': { paramsTuple?: []; params?: {} }
    'accounts.password.update': { paramsTuple?: []; params?: {} }
    'accounts.phone.update': { paramsTuple?: []; params?: {} }
    'accounts.phone.lostStore': { paramsTuple?: []; params?: {} }
    'accounts.phone.cancelRequest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.devices.destroyOthers': { paramsTuple?: []; params?: {} }
    'accounts.devices.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounts.deregistration.store': { paramsTuple?: []; params?: {} }
    'accounts.real_name.online': { paramsTuple?: []; params?: {} }
    'accounts.real_name.bank_card': { paramsTuple?: []; params?: {} }
    'accounts.real_name.operator': { paramsTuple?: []; params?: {} }
    'accounts.real_name.manual': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.store': { paramsTuple?: []; params?: {} }
    'accounts.real_name.face.callback': { paramsTuple?: []; params?: {} }
    'accounts.real_name.sandbox_face.submit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'admin.applicants.freeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.applicants.unfreeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.phone_changes.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.appeals.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.real_name.ocr': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'side': ParamValue} }
    'orgs.sign.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'orgs.transfer_sign.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'token': ParamValue} }
    'orgs.identity.update': { paramsTuple?: []; params?: {} }
    'orgs.claims.store': { paramsTuple?: []; params?: {} }
    'orgs.claims.deposit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.manual': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.claims.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.appeal.store': { paramsTuple?: []; params?: {} }
    'orgs.join.verify': { paramsTuple?: []; params?: {} }
    'orgs.join.apply': { paramsTuple?: []; params?: {} }
    'orgs.members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'memberId': ParamValue} }
    'orgs.leave.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.seal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.transfer.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.deregister.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.change.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orgs.approvals.approve': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'orgs.approvals.reject': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'applicationId': ParamValue} }
    'admin.reviews.org_claims.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_claims.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.org_cases.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.regions.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.regions.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.platforms.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.pickup_points.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.shipping_origins.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.products.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.store': { paramsTuple?: []; params?: {} }
    'admin.catalog.packages.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.store': { paramsTuple: [ParamValue]; params: {'productId': ParamValue} }
    'admin.content.notices.store': { paramsTuple?: []; params?: {} }
    'admin.content.notices.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.store': { paramsTuple?: []; params?: {} }
    'admin.content.guides.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.store': { paramsTuple?: []; params?: {} }
    'admin.content.downloads.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'issuance.pki.ocsp.post': { paramsTuple?: []; params?: {} }
    'admin.ca.crl.publish': { paramsTuple?: []; params?: {} }
    'admin.certificates.revoke': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.suspend': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'admin.certificates.resume': { paramsTuple: [ParamValue]; params: {'serial': ParamValue} }
    'certificates.pkcs12': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.change_pin': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unlock': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.unbind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'certificates.grants.withdraw': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'grantId': ParamValue} }
    'seals.preview': { paramsTuple?: []; params?: {} }
    'seals.store': { paramsTuple?: []; params?: {} }
    'seals.photo.recognise': { paramsTuple?: []; params?: {} }
    'seals.photo.store': { paramsTuple?: []; params?: {} }
    'seals.signature.store': { paramsTuple?: []; params?: {} }
    'seals.grants.store': { paramsTuple?: []; params?: {} }
    'seals.grants.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.contracts.store': { paramsTuple?: []; params?: {} }
    'seals.replace': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'seals.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.reviews.seals.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.refunds.store': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'payments.refunds.notify': { paramsTuple: [ParamValue]; params: {'gateway': ParamValue} }
    'payments.store': { paramsTuple?: []; params?: {} }
    'payments.check': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.voucher.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.sandbox.pay': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.notify': { paramsTuple: [ParamValue]; params: {'gateway': ParamValue} }
    'admin.payments.refunds.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.resume': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.refunds.bank': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.books.import': { paramsTuple?: []; params?: {} }
    'admin.payments.transfers.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.transfers.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.payments.sync': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.service_orders.start': { paramsTuple: [ParamValue,ParamValue]; params: {'service': ParamValue,'certificateId': ParamValue} }
    'orders.apply.start': { paramsTuple?: []; params?: {} }
    'orders.apply.product.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.agreement.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.applicant.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.materials.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.delivery.save': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.apply.submit': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.cancel': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.resubmit': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.receive': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.make.store': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'orders.addresses.store': { paramsTuple?: []; params?: {} }
    'orders.addresses.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.addresses.default': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.addresses.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.query.verify': { paramsTuple?: []; params?: {} }
    'admin.orders.approve': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.reject': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.issue': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.make': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.ship': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'admin.orders.hand_over': { paramsTuple: [ParamValue]; params: {'orderNo': ParamValue} }
    'invoices.titles.store': { paramsTuple?: []; params?: {} }
    'invoices.titles.destroy': { paramsTuple?: []; params?: {} }
    'invoices.titles.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.confirm': { paramsTuple?: []; params?: {} }
    'invoices.store': { paramsTuple?: []; params?: {} }
    'admin.invoices.issue': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.invoices.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.api.sessions.store': { paramsTuple?: []; params?: {} }
    'platforms.api.tasks.store': { paramsTuple?: []; params?: {} }
    'platforms.scan.submit': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.abort': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.scan.open': { paramsTuple: [ParamValue]; params: {'tid': ParamValue} }
    'platforms.open': { paramsTuple?: []; params?: {} }
    'platforms.accounts.bind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.accounts.unbind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.packages.store': { paramsTuple?: []; params?: {} }
    'platforms.packages.store_extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.seal_packages.store': { paramsTuple?: []; params?: {} }
    'platforms.seal_packages.store_extend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.tasks.sign': { paramsTuple?: []; params?: {} }
    'platforms.tasks.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'platforms.demo.start': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.store': { paramsTuple?: []; params?: {} }
    'admin.platforms.integrations.enable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.rotate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.test': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.packages.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.session.store': { paramsTuple?: []; params?: {} }
    'admin.session.destroy': { paramsTuple?: []; params?: {} }
    'admin.staff.store': { paramsTuple?: []; params?: {} }
    'admin.staff.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.password.reset': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.profile.password.update': { paramsTuple?: []; params?: {} }
    'admin.audit.verify': { paramsTuple?: []; params?: {} }
    'admin.jobs.retry': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'admin.catalog.regions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.platforms.integrations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.staff.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'admin.catalog.regions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.platforms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.pickup_points.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.shipping_origins.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.products.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.packages.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.catalog.materials.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.notices.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.guides.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.content.downloads.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}