import { useMemo } from 'react';
import { useLocale, useT } from './i18n';

/** Jira's locale code as Intl takes it (`fr_FR` → `fr-FR`); undefined (the browser's own) when Intl rejects it. */
function intlLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-'))[0];
  } catch {
    return undefined;
  }
}

export interface Formats {
  /**
   * An ISO time in UTC, the same instant for every viewer as in the resolvers' messages; the catalogue orders the
   * parts (English: "2026-03-04 05:06 UTC"), Intl writes them in the viewer's locale.
   */
  time(iso: string): string;
  number(value: number): string;
  /** A storage size: KB (rounded up) below 1 MB, else MB to one decimal. */
  size(bytes: number): string;
  /** A storage size in KB, rounded. */
  kilobytes(bytes: number): string;
  /** "a, b and c" as the viewer's language writes it. */
  list(items: readonly string[]): string;
}

/** Dates, numbers and lists in the viewer's locale, through Intl. */
export function useFormat(): Formats {
  const t = useT();
  const locale = intlLocale(useLocale());
  return useMemo(() => {
    const parts = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const numbers = new Intl.NumberFormat(locale);
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
    const MB = 1024 * 1024;
    return {
      time: (iso) => {
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) return iso;
        const values = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
        return t('common.dateTime', values);
      },
      number: (value) => numbers.format(value),
      size: (bytes) =>
        bytes < MB
          ? t('common.kilobytes', { size: numbers.format(Math.ceil(bytes / 1024)) })
          : t('common.megabytes', { size: decimal.format(bytes / MB) }),
      kilobytes: (bytes) => t('common.kilobytes', { size: numbers.format(Math.round(bytes / 1024)) }),
      list: (items) => lists.format(items),
    };
  }, [t, locale]);
}
