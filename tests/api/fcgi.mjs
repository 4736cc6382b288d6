// A FastCGI client for tests that talk to a program's socket directly:
// the test controls when each part of the request is sent and how fast
// the reply is read, which nginx and cgi-fcgi do not allow.  Also starts
// a program of its own on a private socket dir.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, CONFIG, until } from './lib.mjs';

const BEGIN = 1;
const END = 3;
const PARAMS = 4;
const STDIN = 5;
const STDOUT = 6;
const RECORD_MAX = 65535;

function record(type, content = Buffer.alloc(0)) {
  const h = Buffer.alloc(8);
  h.writeUInt8(1, 0);
  h.writeUInt8(type, 1);
  h.writeUInt16BE(1, 2);
  h.writeUInt16BE(content.length, 4);
  return Buffer.concat([h, content]);
}

function chunks(type, buf) {
  const out = [];
  for (let i = 0; i < buf.length; i += RECORD_MAX) out.push(record(type, buf.subarray(i, i + RECORD_MAX)));
  return Buffer.concat(out);
}

function nameValue(name, value) {
  const len = (n) => {
    if (n < 128) return Buffer.from([n]);
    const b = Buffer.alloc(4);
    b.writeUInt32BE((n | 0x80000000) >>> 0);
    return b;
  };
  const k = Buffer.from(name);
  const v = Buffer.from(value);
  return Buffer.concat([len(k.length), len(v.length), k, v]);
}

/**
 * Opens a request: connects, sends BEGIN_REQUEST and the params.
 * Returns { socket, send(buf), end(), reply } where reply resolves to
 * { complete, status, head, body (Buffer) } once the program ends the
 * request or closes the connection.
 */
export function fcgiOpen(sock, params) {
  const socket = connect(sock);
  const begin = Buffer.alloc(8);
  begin.writeUInt16BE(1, 0);
  socket.write(record(BEGIN, begin));
  const pairs = Object.entries(params).map(([k, v]) => nameValue(k, String(v)));
  socket.write(chunks(PARAMS, Buffer.concat(pairs)));
  socket.write(record(PARAMS));
  const reply = new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const out = [];
    let complete = false;
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 8) {
        const len = buf.readUInt16BE(4);
        const pad = buf.readUInt8(6);
        if (buf.length < 8 + len + pad) break;
        const type = buf.readUInt8(1);
        if (type === STDOUT) out.push(buf.subarray(8, 8 + len));
        if (type === END) complete = true;
        buf = buf.subarray(8 + len + pad);
      }
    });
    // A reset after a reply that left part of the request unread is fine:
    // 'close' follows, and `complete` says whether the reply was whole.
    socket.on('error', () => {});
    socket.on('close', () => {
      const all = Buffer.concat(out);
      const sep = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, sep < 0 ? all.length : sep).toString();
      resolve({
        complete,
        status: Number(/^Status: (\d+)/m.exec(head)?.[1] ?? 200),
        head,
        body: sep < 0 ? Buffer.alloc(0) : all.subarray(sep + 4),
      });
    });
  });
  return {
    socket,
    reply,
    send: (b) => socket.write(chunks(STDIN, Buffer.from(b))),
    end: () => socket.write(record(STDIN)),
  };
}

/** One whole request; resolves to the reply. */
export function fcgiRequest(sock, params, body) {
  const r = fcgiOpen(sock, params);
  if (body !== undefined) r.send(body);
  r.end();
  return r.reply;
}

/** The pids of a process's children. */
export function childrenOf(pid) {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').map((x) => x.trim()).filter(Boolean).map(Number);
}

/**
 * Starts program (a path under BIN) on a socket dir of its own, waits
 * until it listens with all its workers; { child, dir, sock, stderr() }.
 */
export async function startProgram(program, { workers = 1, dir, env = {}, wrap = [], wait = true } = {}) {
  assert.ok(CONFIG, 'MSPHUB_TEST_CONFIG is set');
  const d = dir ?? mkdtempSync(join(tmpdir(), 'msphub-prog-'));
  const argv = [...wrap, join(BIN, program)];
  const child = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, MSPHUB_CONFIG: CONFIG, MSPHUB_SOCKET_DIR: d, MSPHUB_WORKERS: String(workers), ...env,
    },
  });
  let err = '';
  child.stderr.on('data', (b) => { err += b; });
  const name = program.split('/').pop();
  const p = { child, dir: d, sock: join(d, `${name}.sock`), stderr: () => err };
  if (wait) {
    await until(`${name} to listen`, () => existsSync(p.sock));
    await until(`${name}'s workers`, () => childrenOf(child.pid).length === workers);
  }
  return p;
}

/** Stops a program started by startProgram and removes its socket dir. */
export async function stopProgram(p) {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await until('the program to stop', () => p.child.exitCode !== null || p.child.signalCode !== null);
  rmSync(p.dir, { recursive: true, force: true });
}
