// How responses travel (docs/decisions.md, "Compression and caching of what the server sends"):
// the built web app goes out as the `.br`/`.gz` files the build wrote, hashed assets cached for a
// year and index.html revalidated; API responses of 1 KiB or more are compressed when asked,
// downloads and small bodies are not; a few stable reads answer 304 to a matching ETag. Needs
// dist/web (`npm test` runs `vite build` first).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('web transport', () => {
  let t: TestApp;
  let admin: string;
  let webDir: string;
  /** The largest hashed JS chunk, which the build compressed. */
  let chunk: { url: string; file: Buffer; br: Buffer; gz: Buffer };
  let indexHtml: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ serveWeb: true });
    webDir = t.config.webDir;
    const assets = path.join(webDir, 'assets');
    const largest = readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .sort((a, b) => statSync(path.join(assets, b)).size - statSync(path.join(assets, a)).size)[0];
    const file = path.join(assets, largest);
    chunk = { url: `/assets/${largest}`, file: readFileSync(file), br: readFileSync(`${file}.br`), gz: readFileSync(`${file}.gz`) };
    indexHtml = readFileSync(path.join(webDir, 'index.html'));
    admin = await t.loginAs('hq_admin');
    for (let i = 0; i < 30; i++) await t.dealer();
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.inject({ method: 'GET', url, headers });

  it('serves a hashed chunk as the brotli file the build wrote, cached as immutable', async () => {
    const res = await get(chunk.url, { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    // The file on disk as it is, compressed once (not again on the fly), and smaller.
    expect(res.rawPayload.equals(chunk.br)).toBe(true);
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(chunk.file)).toBe(true);
    expect(res.rawPayload.length).toBeLessThan(chunk.file.length / 2);
  });

  it('serves the gzip file to a browser that accepts only gzip', async () => {
    const res = await get(chunk.url, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.rawPayload.equals(chunk.gz)).toBe(true);
    expect(zlib.gunzipSync(res.rawPayload).equals(chunk.file)).toBe(true);
  });

  it('serves the plain file without accept-encoding, and 304 to its own ETag', async () => {
    const res = await get(chunk.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.rawPayload.equals(chunk.file)).toBe(true);
    const again = await get(chunk.url, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('answers 404 for a hashed asset that is gone, not the SPA page', async () => {
    const res = await get('/assets/index-0000gone.js', { 'accept-encoding': 'br' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('does not compress a small static file on the fly', async () => {
    const favicon = readFileSync(path.join(webDir, 'favicon.svg'));
    expect(favicon.length).toBeLessThan(1024);
    const res = await get('/favicon.svg', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(favicon)).toBe(true);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves index.html at / and on an SPA route with no-cache, compressed when asked', async () => {
    for (const url of ['/', '/orders/new']) {
      const plain = await get(url);
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers['content-type'], url).toMatch(/^text\/html/);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.headers['cache-control'], url).toBe('no-cache');
      expect(plain.rawPayload.equals(indexHtml), url).toBe(true);
      const br = await get(url, { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers['content-type'], url).toMatch(/^text\/html/);
      expect(br.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(br.rawPayload).equals(indexHtml), url).toBe(true);
    }
  });

  it('compresses a large API response when asked, to exactly the uncompressed body', async () => {
    const url = '/api/v1/dealers?limit=100';
    const plain = await get(url, { cookie: admin });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().items.length).toBeGreaterThanOrEqual(30);
    expect(plain.rawPayload.length).toBeGreaterThan(4096);
    const br = await get(url, { cookie: admin, 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gz = await get(url, { cookie: admin, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('answers HEAD on a large API read without a body and without breaking', async () => {
    const res = await t.inject({ method: 'HEAD', url: '/api/v1/dealers?limit=100', headers: { cookie: admin, 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(0);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small API response uncompressed', async () => {
    const res = await get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(res.json().status).toBe('ok');
  });

  it('still downloads an xlsx export as the zip it is', async () => {
    const res = await get('/api/v1/dealers?format=xlsx', { cookie: admin, 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBeGreaterThan(1024);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('answers a stable read with a weak ETag, and 304 when the browser already has it', async () => {
    const first = await get('/api/v1/regions', { cookie: admin, 'accept-encoding': 'br' });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const same = await get('/api/v1/regions', { cookie: admin, 'if-none-match': etag });
    expect(same.statusCode).toBe(304);
    expect(same.rawPayload.length).toBe(0);
    expect(same.headers.etag).toBe(etag);
    // Another body (the children of a province) has another tag and is sent in full.
    const other = await get('/api/v1/regions?parentCode=440000', { cookie: admin, 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
    expect(other.json().items.length).toBeGreaterThan(0);
    // A route outside the list gets no ETag.
    const dealers = await get('/api/v1/dealers?limit=1', { cookie: admin });
    expect(dealers.headers.etag).toBeUndefined();
  });
});
