import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client is built into dist/client and served by the Hono server; `vite` alone proxies the API for development.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The editor chunk (Tiptap + Yjs, ~175 kB gzip) loads only when a document is opened.
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/collab': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
