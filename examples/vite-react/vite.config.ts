import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the build works from any folder of a static server, not only its root.
  base: './',
  plugins: [react()],
  // The worker imports @backprop/core as an ES module chunk (the browsers Vite 8 targets all run module workers).
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
});
