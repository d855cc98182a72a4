"""Open a bundled facts file in the real YAML language server and print what an editor shows.

A manual check of the editor wiring (docs/editors.md), not a test: it needs
Node.js and ``npm install yaml-language-server`` somewhere. It opens
``facts/nato.yaml`` (its text changed in memory: a misspelt key added) over
the Language Server Protocol, exactly as VS Code, Neovim or Helix would, and
prints the diagnostics, the completions offered inside a fact and an item,
and the hover text of a key. The file on disk is not changed.

    python scripts/yamlls_check.py /path/to/node_modules/.bin/yaml-language-server
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Client:
    """A minimal LSP client over the server's stdin/stdout."""

    def __init__(self, command: list[str]):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.notifications: list[dict] = []

    def send(self, message: dict) -> None:
        """Write one JSON-RPC message with its Content-Length header."""
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        """Read one message; answer the server's configuration requests on the way."""
        length = 0
        while True:
            line = self.proc.stdout.readline().decode().strip()
            if not line:
                break
            if line.lower().startswith("content-length:"):
                length = int(line.split(":")[1])
        message = json.loads(self.proc.stdout.read(length))
        if message.get("method") == "workspace/configuration":
            items = message["params"]["items"]
            self.send({"id": message["id"], "result": [SETTINGS.get(i.get("section"), SETTINGS)
                                                        for i in items]})
        elif message.get("method") == "client/registerCapability":
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: dict) -> dict:
        """Send a request and return its result, keeping notifications that arrive first."""
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")
            if "method" in message:
                self.notifications.append(message)

    def wait_for(self, method: str) -> dict:
        """The first notification named ``method`` (already received or next)."""
        for message in self.notifications:
            if message["method"] == method:
                return message
        while True:
            message = self.read()
            if message.get("method") == method:
                return message


SETTINGS = {"validate": True, "completion": True, "hover": True,
            "schemaStore": {"enable": False}, "yamlVersion": "1.2"}


def main(server: str) -> None:
    """Drive the server through open, diagnostics, completion and hover; print the results."""
    path = ROOT / "facts" / "nato.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    first_fact = next(i for i, line in enumerate(lines) if line == "facts:") + 1
    lines.insert(first_fact + 1, "    valeu: a misspelt key")  # inside the first fact
    lines.insert(first_fact + 1, "    ")  # where we ask for completion of fact fields
    lines.insert(first_fact, "  ")  # where we ask for completion of fact keys
    item = next(i for i, line in enumerate(lines) if line.startswith("      - name:"))
    lines.insert(item + 1, "        ")  # where we ask for completion of item fields
    text = "\n".join(lines) + "\n"
    uri = path.as_uri()
    client = Client([server, "--stdio"])
    client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {
        "textDocument": {"completion": {"completionItem": {"snippetSupport": False}},
                         "hover": {"contentFormat": ["plaintext"]}},
        "workspace": {"configuration": True}}})
    client.send({"method": "initialized", "params": {}})
    client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {
        "yaml": SETTINGS}}})
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    diagnostics = client.wait_for("textDocument/publishDiagnostics")["params"]["diagnostics"]
    print(f"schema association: {lines[0]}")
    print("diagnostics:")
    for d in diagnostics:
        print(f"  line {d['range']['start']['line'] + 1}: {d['message']}")
    doc = {"textDocument": {"uri": uri}}
    for label, line, column in (("fact keys under facts:", first_fact, 2),
                                ("inside a fact", first_fact + 2, 4),
                                ("inside a list item", item + 1, 8)):
        found = client.request("textDocument/completion",
                               {**doc, "position": {"line": line, "character": column}})
        items = found["items"] if isinstance(found, dict) else found
        print(f"completion {label}:", sorted(i["label"] for i in items))
    as_of = next(i for i, line in enumerate(lines) if line.startswith("as_of:"))
    hover = client.request("textDocument/hover", {**doc, "position": {"line": as_of, "character": 1}})
    contents = hover["contents"] if hover else ""
    print("hover on as_of:", contents["value"] if isinstance(contents, dict) else contents)
    client.proc.kill()


if __name__ == "__main__":
    main(sys.argv[1])
