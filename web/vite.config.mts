import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves dist/ at / (src/web-client): no dev server, no inline script (the
// CSP forbids it), so the module preload polyfill Vite would inline is off.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
