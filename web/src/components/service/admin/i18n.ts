// Moved to web/src/routes/service/admin.i18n.ts and merged statically by web/src/i18n.ts (issue 11 item 6); a stub so the screens' old side-effect imports still compile, removed with them.
export { en, zh } from '../../../routes/service/admin.i18n.ts';
