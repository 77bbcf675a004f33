/** ISO time as "2026-03-04 05:06 UTC": the same for every viewer, as in the resolvers' messages. */
export const formatTime = (iso: string): string => `${iso.replace('T', ' ').slice(0, 16)} UTC`;
