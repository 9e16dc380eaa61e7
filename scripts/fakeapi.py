#!/usr/bin/env python3
"""A tiny fake Telegram Bot API for scripts/docker-check.sh (stdlib only).

Serves POST/GET /bot<TOKEN>/<method> on 127.0.0.1 and answers like the Bot
API: {"ok": true, "result": ...} or {"ok": false, "error_code", "description"}.

  getMe            the bot's user
  getUpdates       one private-chat "/start" update (until an offset past it
                   confirms it), then empty long polls that last the requested
                   timeout (capped by --max-poll)
  sendMessage      recorded, answered with a Message
  anything else    recorded, answered with true (setMyCommands, deleteWebhook,
                   answerCallbackQuery, ...)

What it received goes to STATE_DIR: calls.jsonl (every call), sent.jsonl
(one line per sendMessage) and port (the port it listens on, written once it
listens). GET /_fake/stats answers {"calls": N, "sent": N, "sent_to_start_chat": N}.

  python3 scripts/fakeapi.py --state-dir DIR [--port 0] [--token 123:TEST]

Runs until SIGTERM or SIGINT.
"""

import argparse
import email.parser
import email.policy
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

START_CHAT_ID = 424242
BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Cekloker Test",
    "username": "cekloker_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
USER = {"id": START_CHAT_ID, "is_bot": False, "first_name": "Tester", "language_code": "id"}


class State:
    def __init__(self, state_dir, token, max_poll):
        self.dir = state_dir
        self.token = token
        self.max_poll = max_poll
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.calls = 0
        self.sent = 0
        self.sent_to_start = 0
        self.next_message_id = 100
        self.start_update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "from": USER,
                "chat": {"id": START_CHAT_ID, "type": "private", "first_name": "Tester"},
                "date": int(time.time()),
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }

    def record(self, name, entry):
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        with open(os.path.join(self.dir, name), "a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()


def parse_params(handler):
    """Query string plus a form, multipart or JSON body, as a dict of strings."""
    params = {}
    url = urllib.parse.urlsplit(handler.path)
    for k, v in urllib.parse.parse_qsl(url.query, keep_blank_values=True):
        params[k] = v
    length = int(handler.headers.get("Content-Length") or 0)
    body = handler.rfile.read(length) if length > 0 else b""
    ctype = handler.headers.get("Content-Type", "")
    main = ctype.split(";", 1)[0].strip().lower()
    if not body:
        return params
    if main == "application/x-www-form-urlencoded":
        for k, v in urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            params[k] = v
    elif main == "application/json":
        data = json.loads(body.decode("utf-8"))
        if isinstance(data, dict):
            for k, v in data.items():
                params[k] = v if isinstance(v, str) else json.dumps(v)
    elif main == "multipart/form-data":
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode("latin-1") + b"\r\n\r\n" + body
        )
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not name:
                continue
            if part.get_filename():
                params[name] = "<file %s>" % part.get_filename()
            else:
                params[name] = part.get_payload(decode=True).decode("utf-8", "replace")
    return params


class Handler(BaseHTTPRequestHandler):
    server_version = "fakeapi/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: calls.jsonl is the log
        pass

    def reply(self, code, obj):
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def fail(self, code, description):
        self.reply(code, {"ok": False, "error_code": code, "description": description})

    def do_GET(self):
        self.handle_call()

    def do_POST(self):
        self.handle_call()

    def handle_call(self):
        st = self.server.state
        path = urllib.parse.urlsplit(self.path).path
        if path == "/_fake/stats":
            with st.lock:
                self.reply(200, {"calls": st.calls, "sent": st.sent, "sent_to_start_chat": st.sent_to_start})
            return
        parts = path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            self.fail(404, "Not Found")
            return
        token, method = parts[0][3:], parts[1]
        try:
            params = parse_params(self)
        except (ValueError, UnicodeDecodeError) as e:
            self.fail(400, "Bad Request: %s" % e)
            return
        with st.lock:
            st.calls += 1
        st.record("calls.jsonl", {"t": round(time.time(), 3), "method": method, "params": params,
                                  "token_ok": token == st.token})
        if token != st.token:
            self.fail(401, "Unauthorized")
            return
        fn = getattr(self, "m_" + method, None)
        if fn is None:
            self.reply(200, {"ok": True, "result": True})
            return
        fn(st, params)

    def m_getMe(self, st, params):
        self.reply(200, {"ok": True, "result": BOT_USER})

    def m_getMyCommands(self, st, params):
        self.reply(200, {"ok": True, "result": []})

    def m_getUpdates(self, st, params):
        try:
            offset = int(params.get("offset") or 0)
            timeout = max(0, int(params.get("timeout") or 0))
        except ValueError:
            self.fail(400, "Bad Request: bad offset or timeout")
            return
        if offset <= st.start_update["update_id"]:
            self.reply(200, {"ok": True, "result": [st.start_update]})
            return
        st.stop.wait(min(timeout, st.max_poll))
        self.reply(200, {"ok": True, "result": []})

    def m_sendMessage(self, st, params):
        chat = params.get("chat_id", "")
        try:
            chat_id = int(chat)
        except ValueError:
            chat_id = chat
        with st.lock:
            st.sent += 1
            if chat_id == START_CHAT_ID:
                st.sent_to_start += 1
            st.next_message_id += 1
            mid = st.next_message_id
        st.record("sent.jsonl", {"t": round(time.time(), 3), "chat_id": chat_id,
                                 "text": params.get("text", ""), "parse_mode": params.get("parse_mode", "")})
        chat_obj = {"id": chat_id, "type": "private", "first_name": "Tester"}
        self.reply(200, {"ok": True, "result": {
            "message_id": mid, "from": BOT_USER, "chat": chat_obj,
            "date": int(time.time()), "text": params.get("text", "")}})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--state-dir", required=True)
    ap.add_argument("--port", type=int, default=0, help="0: any free port (see STATE_DIR/port)")
    ap.add_argument("--token", default="123:TEST")
    ap.add_argument("--max-poll", type=float, default=25.0, help="longest long poll, seconds")
    args = ap.parse_args()

    os.makedirs(args.state_dir, exist_ok=True)
    state = State(args.state_dir, args.token, args.max_poll)
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    srv.daemon_threads = True
    srv.state = state

    def on_signal(signum, frame):
        state.stop.set()
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    port_file = os.path.join(args.state_dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    print("fakeapi: listening on 127.0.0.1:%d" % srv.server_address[1], file=sys.stderr, flush=True)
    srv.serve_forever(poll_interval=0.2)
    srv.server_close()


if __name__ == "__main__":
    main()
