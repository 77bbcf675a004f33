import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import MarkdownIt from 'markdown-it';
import { defineConfig, type Plugin } from 'vite';

/** docs/privacy.md, the privacy and security statement, rendered once at build time for the admin page. */
const PRIVACY_STATEMENT = `${import.meta.dirname}/../../docs/privacy.md`;
const privacyStatement: Plugin = {
  name: 'workflow-guard:privacy-statement',
  resolveId: (id) => (id === 'virtual:privacy-statement' ? '\0virtual:privacy-statement' : undefined),
  load(id) {
    if (id !== '\0virtual:privacy-statement') return undefined;
    // html: false: markup typed into the Markdown is shown as text, never run.
    const html = new MarkdownIt({ html: false, linkify: false }).render(
      readFileSync(PRIVACY_STATEMENT, 'utf8'),
    );
    return `export default ${JSON.stringify(html)};`;
  },
};

// Vite injects import.meta.dirname into config files, so the build works from any cwd
// (`npx vite build --config static/app/vite.config.mts` from the repo root).
export default defineConfig({
  root: import.meta.dirname,
  // Forge serves resources from a CDN sub-path: asset URLs must be relative.
  base: './',
  plugins: [react(), privacyStatement],
  // Matches the `@backend/*` path in tsconfig.json: the backend's shared contracts and rule schemas.
  resolve: { alias: { '@backend': `${import.meta.dirname}/../../src` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Atlassian Design System main chunk is ~850 kB minified; the default 500 kB warning is noise.
    chunkSizeWarningLimit: 1500,
  },
});
