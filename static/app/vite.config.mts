import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite injects import.meta.dirname into config files, so the build works from any cwd
// (`npx vite build --config static/app/vite.config.mts` from the repo root).
export default defineConfig({
  root: import.meta.dirname,
  // Forge serves resources from a CDN sub-path: asset URLs must be relative.
  base: './',
  plugins: [react()],
  // Matches the `@backend/*` path in tsconfig.json: the backend's shared contracts and rule schemas.
  resolve: { alias: { '@backend': `${import.meta.dirname}/../../src` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Atlassian Design System main chunk is ~850 kB minified; the default 500 kB warning is noise.
    chunkSizeWarningLimit: 1500,
  },
});
