/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every module declares its routes (applicant pages and its back-office
| area) in app/<module>/module.ts; the manifest (app/modules.ts) lists
| the modules. Nothing else lives here.
|
*/
import { moduleDefinitions } from '#app/modules'

for (const definition of await moduleDefinitions()) {
  await definition.routes?.()
  await definition.backOffice?.routes?.()
}
