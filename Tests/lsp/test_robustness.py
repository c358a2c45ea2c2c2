"""`pmlint lsp` against clients that misbehave: garbage, broken frames, requests out of
order, hostile text, a closed stdin. Raw bytes, since a real client never sends them."""
import json
import shutil
import subprocess
import threading

from conftest import AS_OF, PMLINT, REPOSITORY, check


class RawClient:
    def __init__(self):
        self.process = subprocess.Popen([PMLINT, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)

    def write(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def receive(self, timeout=20):
        result = {}

        def read():
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = self.process.stdout.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            result["message"] = json.loads(self.process.stdout.read(length))

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout)
        assert "message" in result, "no message from the server"
        return result["message"]

    def response(self, id):
        while True:
            message = self.receive()
            if message.get("id") == id and "method" not in message:
                return message

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"capabilities": {}, "initializationOptions": {"as_of": AS_OF, "debounce": 0}}})
        assert "result" in self.response(1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def exit_code(self, timeout=20):
        return self.process.wait(timeout)


def test_garbage_and_broken_frames_get_errors_and_the_server_goes_on():
    client = RawClient()

    def still_answers(id):
        # A request before initialize: answered with -32002, so the stream is in step again.
        client.send({"jsonrpc": "2.0", "id": id, "method": "shutdown"})
        assert client.response(id)["error"]["code"] == -32002

    client.write(b"hello\r\n\r\n")
    assert client.receive()["error"]["code"] == -32700
    still_answers(1)
    # A bad header with a body: the body is skipped up to the next frame, not read as a header.
    client.write(b'Content-Length: lots\r\n\r\n{"jsonrpc":"2.0","id":5,"method":"x"}')
    assert client.receive()["error"]["code"] == -32700
    still_answers(2)
    client.write(b"Content-Type: text/plain\r\n\r\n")
    assert client.receive()["error"]["code"] == -32700
    still_answers(3)
    client.write(b"Content-Length: 7\r\n\r\n{nope!}")
    error = client.receive()
    assert error["error"]["code"] == -32700 and error["id"] is None
    # JSON, but not a request object: an invalid request.
    client.write(b'Content-Length: 7\r\n\r\n"hello"')
    assert client.receive()["error"]["code"] == -32600
    client.write(b'Content-Length: 2\r\n\r\n[]')
    assert client.receive()["error"]["code"] == -32600
    # A header that never ends is given up on, not waited for.
    client.write(b"X" * 9000)
    assert client.receive()["error"]["code"] == -32700
    still_answers(4)
    # A body larger than anything pmlint accepts is skipped as it arrives, whatever its length.
    client.write(b"Content-Length: 9223372036854775807\r\n\r\n")
    assert "more than" in client.receive()["error"]["message"]
    assert client.process.poll() is None
    client.process.kill()


def test_requests_whose_id_cannot_be_read_are_answered():
    client = RawClient()
    client.initialize()
    for bad in [1.5, {"a": 1}, True, None]:
        client.send({"jsonrpc": "2.0", "id": bad, "method": "textDocument/hover",
                     "params": {"textDocument": {"uri": "file:///x/log.yaml"}, "position": {"line": 0, "character": 0}}})
        answer = client.receive()
        assert answer["error"]["code"] == -32600 and answer["id"] is None, bad
    client.process.kill()


def test_requests_out_of_order_and_unknown():
    client = RawClient()
    client.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": "file:///x/log.yaml"}, "position": {"line": 0, "character": 0}}})
    assert client.response(7)["error"]["code"] == -32002
    client.initialize()
    client.send({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}})
    assert client.response(2)["error"]["code"] == -32600
    client.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/prepareRename",
                 "params": {"textDocument": {"uri": "file:///x/log.yaml"}, "position": {"line": 0, "character": 0}}})
    assert client.response(3)["error"]["code"] == -32601
    client.send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {}}})
    assert client.response(4)["error"]["code"] == -32602
    client.send({"jsonrpc": "1.0", "id": 5, "method": "shutdown"})
    assert client.response(5)["error"]["code"] == -32600
    # Notifications about documents never opened, and changes to them, are ignored.
    client.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                 "params": {"textDocument": {"uri": "file:///nowhere/log.yaml", "version": 2},
                            "contentChanges": [{"text": "log: []"}]}})
    client.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///nowhere/log.yaml"}}})
    client.send({"jsonrpc": "2.0", "id": 6, "method": "shutdown"})
    assert client.response(6)["result"] is None
    client.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": "file:///x/log.yaml"}, "position": {"line": 0, "character": 0}}})
    assert client.response(8)["error"]["code"] == -32600
    client.send({"jsonrpc": "2.0", "method": "exit"})
    assert client.exit_code() == 0


def test_a_change_that_cannot_be_read_is_not_guessed(tmp_path):
    folder = tmp_path / "acme"
    shutil.copytree(REPOSITORY / "examples" / "acme-crm", folder)
    (tmp_path / ".git").mkdir()
    client = RawClient()
    client.initialize()
    uri = (folder / "log.yaml").as_uri()
    client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": (folder / "log.yaml").read_text()}}})
    # A change without its text: pmlint forgets the document rather than check a text the
    # editor does not show, clears its diagnostics and says so.
    client.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                 "params": {"textDocument": {"uri": uri, "version": 2},
                            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}}]}})
    seen = []
    while not any(m.get("method") == "window/showMessage" for m in seen):
        seen.append(client.receive())
    cleared = [m for m in seen if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert cleared[-1]["params"]["diagnostics"] == []
    assert "could not be read" in next(m for m in seen if m.get("method") == "window/showMessage")["params"]["message"]
    # A version that is no whole number is no reason to drop a change.
    client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 2 ** 70, "text": "log: [\n"}}})
    while True:
        message = client.receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            break
    assert [d["code"] for d in message["params"]["diagnostics"]] == ["yaml-syntax"]
    client.process.kill()


def test_closed_stdin_ends_the_server():
    client = RawClient()
    client.initialize()
    client.process.stdin.close()
    # Without shutdown first, the exit code says the client went away.
    assert client.exit_code() == 1


def test_hostile_text_behaves_as_in_check(tmp_path):
    folder = tmp_path / "bomb"
    shutil.copytree(REPOSITORY / "examples" / "acme-crm", folder)
    (tmp_path / ".git").mkdir()
    # Nested aliases that expand to a billion nodes, and deep nesting.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)) + "log:\n" + "  - " + "[" * 5000 + "]" * 5000 + "\n"
    (folder / "log.yaml").write_text(bomb)
    _, findings = check(folder)
    expected = sorted((f["line"], f["rule"]) for f in findings if f["file"].endswith("log.yaml"))
    client = RawClient()
    client.initialize()
    uri = (folder / "log.yaml").as_uri()
    client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": bomb}}})
    while True:
        message = client.receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            break
    got = sorted((d["range"]["start"]["line"] + 1, d["code"]) for d in message["params"]["diagnostics"])
    assert got == expected and got
    client.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    client.response(2)
    client.send({"jsonrpc": "2.0", "method": "exit"})
    assert client.exit_code() == 0
