import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The stand-in's phone page: its own small build, served by the stand-in at /_stand-in/phone/. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/_stand-in/phone/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, '../../dist/phone'), emptyOutDir: true },
});
