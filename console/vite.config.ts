// The console is served by the engine under /console (src/server/console_assets.h): every URL the
// build writes starts there, and the files land in dist/, which the engine reads at start-up.
// `npm run dev` proxies the APIs to an engine on 127.0.0.1:8080 for working on the console.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const engine = process.env.JUNCTION_ENDPOINT ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL (with CodeMirror) is most of the bundle. It is split into a chunk of its own by
    // App.tsx's lazy() import of the explorer, not by anything here, so the data pages load
    // without it; that chunk is still above Vite's default warning size of 500 kB.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    proxy: {
      '/v1': engine,
      '/v2': engine,
    },
  },
});
