import { english, inEnglish, text, type Text } from './texts';

/**
 * A Jira permission's name as Jira's permission schemes show it, in the reader's language (catalogue
 * `catalog.permissions`: `ADD_COMMENTS` is `addComments`); a permission the catalogue lacks by its key. Here, in
 * the lowest layer, so that failures (failures.ts) name the permission in the reader's language too.
 */
export function permissionText(permission: string): Text {
  const camel = permission.toLowerCase().replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
  const key = `catalog.permissions.${camel}`;
  return english(key) === key ? { verbatim: permission } : text(key);
}

/** The permission's name in English (the catalogue's default language): for the audit log and admin messages. */
export const permissionName = (permission: string): string => inEnglish(permissionText(permission));
