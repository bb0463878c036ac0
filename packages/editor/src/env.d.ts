// Stylesheets are bundled by vite; the editor's tsconfig has no vite/client types (no Node leaks in).
declare module '*.css';
