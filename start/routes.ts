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
import '#admin/routes'
