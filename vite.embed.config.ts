import { defineConfig } from 'vite';

/** embed.js: the host-page script, one small IIFE file beside the SPA's assets. */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/client',
    emptyOutDir: false,
    lib: { entry: 'src/embed/host.ts', name: 'FrontdeskEmbed', formats: ['iife'], fileName: () => 'embed.js' },
    minify: true,
  },
});
