/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Each module declares its own routes (prefix and names per module).
|
*/
import '#core/routes'
import '#accounts/routes'
import '#catalog/routes'
import '#orders/routes'
import '#certificates/routes'
import '#issuance/routes'
import '#admin/routes'
import '#accounts/realname/routes'
