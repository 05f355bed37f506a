"""Measure the deepest JSON nesting CPython's json.load reads when called the way MARSYS's
MemoryManager.load_from_file calls it (src/marsys/agents/memory.py: `with open(filepath, 'r') as f: data = json.load(f)`
inside a method). Depth counts containers from the document's root, the root being 1.

Run with each Python:  python3.12 scripts/measure-python-json-depth.py

The figures behind CPYTHON_JSON_MAX_DEPTH (src/shared/pyjson/nesting.ts), measured on 2026-12-02:

  CPython 3.11.2 / 3.11.7   990 with no extra frames, 970 with 20, 790 with 200 (Python frames count)
  CPython 3.12.1            1497 for every shape and caller (the C recursion limit; Python frames do not count)
  CPython 3.13.0            9998 for every shape and caller

"Every shape": nested arrays and nested objects, in a message's content and in additional_state. MARSYS's
pyproject.toml requires Python >= 3.12 (classifiers 3.12 and 3.13), so a file is loadable up to 1497 levels.
"""
import json
import os
import platform
import sys
import tempfile


class MemoryManager:
    """Stands in for marsys.agents.memory.MemoryManager: same call, same frames below it."""

    def load_from_file(self, filepath):
        with open(filepath, "r") as f:
            data = json.load(f)
        return data.get("additional_state")


def nested(kind, n):
    return ("[" * n + "]" * n) if kind == "arrays" else ('{"a": ' * n + "1" + "}" * n)


def document(place, kind, n):
    """(text, total depth) of a MARSYS-shaped file with `n` levels of `kind` at `place`."""
    if place == "message":
        # root {} = 1, messages [] = 2, the message {} = 3, then the content
        text = '{"memory_type": "conversation_history", "messages": [{"role": "user", "content": %s}]}'
        return text % nested(kind, n), 3 + n
    # root {} = 1, then additional_state
    text = '{"memory_type": "conversation_history", "messages": [], "additional_state": %s}'
    return text % nested(kind, n), 1 + n


def loads(path, extra_frames):
    if extra_frames > 0:
        return loads(path, extra_frames - 1)
    try:
        MemoryManager().load_from_file(path)
        return True
    except RecursionError:
        return False


def deepest(place, kind, extra_frames, path):
    """Largest total depth that loads (bisection; loading is monotone in depth)."""
    lo, hi = 1, 20000  # lo loads, hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        text, total = document(place, kind, mid)
        with open(path, "w") as f:
            f.write(text)
        if loads(path, extra_frames):
            lo = mid
        else:
            hi = mid
    return document(place, kind, lo)[1]


def main():
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        print(f"{platform.python_implementation()} {platform.python_version()} (recursion limit {sys.getrecursionlimit()})")
        for extra in (0, 20, 200):
            for place in ("message", "additional_state"):
                for kind in ("arrays", "objects"):
                    print(f"  {extra:3d} extra frames  {place:16s} {kind:7s} deepest loadable: {deepest(place, kind, extra, path)}")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
