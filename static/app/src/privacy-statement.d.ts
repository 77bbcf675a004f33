/** docs/privacy.md as HTML, made at build time (static/app/vite.config.mts). */
declare module 'virtual:privacy-statement' {
  const html: string;
  export default html;
}
