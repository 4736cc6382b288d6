// A FastCGI client for tests that talk to a program's socket directly:
// the test controls when each part of the request is sent and how fast
// the reply is read, which nginx and cgi-fcgi do not allow.
import { connect } from 'node:net';

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
  const reply = new Promise((resolve, reject) => {
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
    socket.on('error', reject);
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
