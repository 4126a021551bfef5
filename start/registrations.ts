/*
|--------------------------------------------------------------------------
| Module registrations
|--------------------------------------------------------------------------
|
| Each module registers the Chinese labels of its audit actions and SMS
| purposes, its sandbox probes (the 测试/沙箱 banner) and its hooks into
| lower modules when these files are imported. Controllers load lazily,
| so the files are imported here, at boot, once.
|
*/
import '#core/sms/sms_service'
import '#accounts/audit_actions'
import '#accounts/realname/real_name_service'
import '#catalog/audit_actions'
import '#issuance/audit_actions'
import '#orders/payments/gateways'
import '#orders/payments/payment_service'
import '#orders/actions/transition_order'
import '#orders/actions/fulfilment'
import '#orders/actions/addresses'
import '#admin/actions/staff_accounts'
