"""What MARSYS's MemoryManager.load_from_file does for a ConversationMemory, timed (MARSYS is not installed here).

A port of the load path only: json.load the file, then for each dict in "messages" build a Message the way
ConversationMemory.add does (role, content, name, tool_calls converted to ToolCallMsg, agent_calls, images, a fresh
uuid4 message_id), checking what its loader checks. Prints the milliseconds it took as a JSON line.
"""

import json
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Optional


class MessageError(Exception):
    pass


@dataclass
class ToolCallMsg:
    id: str
    call_id: str
    type: str
    name: str
    arguments: str


@dataclass
class Message:
    role: str
    content: Any = None
    name: Optional[str] = None
    tool_calls: Optional[list] = None
    agent_calls: Optional[list] = None
    images: Optional[list] = None
    message_id: str = field(default_factory=lambda: str(uuid.uuid4()))


def tool_call(raw):
    if isinstance(raw, ToolCallMsg):
        return raw
    if not isinstance(raw, dict) or not raw.get("id"):
        raise MessageError("tool call without id")
    function = raw.get("function") or {}
    if "name" not in function:
        raise MessageError("tool call without function.name")
    arguments = function.get("arguments", "{}")
    if not isinstance(arguments, str):
        raise MessageError("function.arguments must be a string")
    return ToolCallMsg(raw["id"], raw["id"], raw.get("type", "function"), function["name"], arguments)


def add(memory, role, content=None, name=None, tool_calls=None, agent_calls=None, images=None):
    if role is None:
        raise MessageError("message without role")
    if images is not None and not (isinstance(images, list) and all(isinstance(i, str) for i in images)):
        raise MessageError("images must be a list of strings")
    calls = [tool_call(c) for c in tool_calls] if tool_calls else None
    memory.append(Message(role, content, name, calls, agent_calls, images))


def load_from_file(path):
    with open(path, "r") as f:
        data = json.load(f)
    memory = []
    for raw in data.get("messages", []):
        if not isinstance(raw, dict):
            continue
        add(
            memory,
            role=raw.get("role"),
            content=raw.get("content"),
            name=raw.get("name"),
            tool_calls=raw.get("tool_calls"),
            agent_calls=raw.get("agent_calls"),
            images=raw.get("images"),
        )
    return memory, data.get("additional_state")


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = float("inf")
    count = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        memory, _state = load_from_file(path)
        best = min(best, (time.perf_counter() - t0) * 1000)
        count = len(memory)
        del memory
    print(json.dumps({"loadMs": best, "messages": count}))


if __name__ == "__main__":
    main()
