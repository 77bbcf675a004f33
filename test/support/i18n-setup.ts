import { buildI18nBundle } from '../../scripts/lib/i18n-bundle';

/** Jest globalSetup: the translations bundle every invocation and page reads (see scripts/lib/i18n-bundle.ts). */
export default async function setup(): Promise<void> {
  await buildI18nBundle();
}
