/*
|--------------------------------------------------------------------------
| Validator defaults
|--------------------------------------------------------------------------
|
| Chinese messages for every VineJS rule, with field labels.
|
*/
import vine from '@vinejs/vine'
import { ChineseMessagesProvider } from '#core/validation/messages'

vine.messagesProvider = new ChineseMessagesProvider()
