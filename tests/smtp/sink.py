#!/usr/bin/python3
"""A loopback SMTP sink for the tests (issue 9, outbound mail).

Every message accepted is written to DIR as NNNNNN-<recipient>.eml (a
temporary name first, then renamed: a reader never sees half a file).
Recipients choose what the sink does, by their local part:

  reject...@         550 at RCPT (permanent)
  tempfail...@       451 at RCPT (temporary), every time
  tempfail-once...@  451 the first time this address is seen, then accept
  hang-once...@      the first time: write DIR/hanging-<address> and never
                     answer RCPT (the client times out or is killed);
                     after that, accept

usage: sink.py --port PORT --dir DIR   (127.0.0.1 only; stops on SIGTERM)
"""
import argparse
import asyncio
import itertools
import os
import signal

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.seen = set()
        self.seq = itertools.count(1)

    def once(self, address):
        first = address not in self.seen
        self.seen.add(address)
        return first

    async def handle_RCPT(self, server, session, envelope, address, options):
        local = address.split('@', 1)[0].lower()
        if local.startswith('reject'):
            return '550 5.1.1 No such user here'
        if local.startswith('tempfail-once'):
            if self.once(address):
                return '451 4.3.0 Try again later'
        elif local.startswith('tempfail'):
            return '451 4.3.0 Try again later'
        elif local.startswith('hang-once') and self.once(address):
            with open(os.path.join(self.dir, 'hanging-' + address), 'w'):
                pass
            await asyncio.sleep(3600)
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            name = '%06d-%s.eml' % (next(self.seq), rcpt)
            tmp = os.path.join(self.dir, '.' + name)
            with open(tmp, 'wb') as f:
                f.write(envelope.original_content)
            os.rename(tmp, os.path.join(self.dir, name))
        return '250 Message accepted'


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--dir', required=True)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname='sink.test', decode_data=False),
        '127.0.0.1', args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


if __name__ == '__main__':
    asyncio.run(main())
