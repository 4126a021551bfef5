/*
|--------------------------------------------------------------------------
| Module registrations
|--------------------------------------------------------------------------
|
| Each module registers, at boot, the Chinese labels of its audit actions
| and SMS purposes, its sandbox probes (the 测试/沙箱 banner) and its hooks
| into lower modules: the `boot` of its declaration (app/<module>/module.ts).
| Controllers load lazily, so this runs once, here.
|
*/
import { moduleDefinitions } from '#app/modules'

for (const definition of await moduleDefinitions()) {
  await definition.boot?.()
}
