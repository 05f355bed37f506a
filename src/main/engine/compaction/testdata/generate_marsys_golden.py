"""
Writes marsys-golden.json: what MARSYS's own, unmodified compaction (ManagedConversationMemory._run_compaction and
the processors in memory_strategies.py) does with a set of conversations. The TypeScript port is tested against it.

Run from a folder holding MARSYS's `marsys` package (src/marsys of rezaho/MARSYS, commit 5c8681c); only
agents/memory.py, agents/memory_strategies.py, agents/exceptions.py, utils/tokens.py and models/response_models.py are
needed, with a stub marsys/models/models.py defining BaseAPIModel, BaseLocalModel and LocalProviderAdapter:

    PYTHONPATH=<that folder> python3 generate_marsys_golden.py > marsys-golden.json
"""
import asyncio
import copy
import json
import sys

from marsys.agents.memory import ManagedMemoryConfig, MemoryManager


class StubModel:
    """A compaction model that records what it was sent and answers with a fixed text."""

    def __init__(self, reply):
        self.reply = reply
        self.calls = []

    async def arun(self, **kwargs):
        self.calls.append(copy.deepcopy({k: v for k, v in kwargs.items() if k != "response_schema"}))
        return {"content": self.reply}


def words(n, tag):
    return " ".join(f"{tag}{i}" for i in range(n))


def call(cid, name, args):
    return {"id": cid, "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}


SUMMARY_REPLY = json.dumps({
    "user_request_summary": "User asked for a literature review on battery chemistry and a table of energy densities.",
    "summary": "Agent fetched 8 pages, extracted energy densities for Li-ion, LFP, Na-ion and solid-state cells.",
    "salient_facts": ["Li-ion ~250 Wh/kg", "LFP ~160 Wh/kg", "Na-ion ~140 Wh/kg"],
    "open_threads": ["Verify solid-state figures"],
    "keep_images": [],
})

PNG = "data:image/png;base64," + "iVBORw0KGgo" * 40

SCENARIOS = []


def scenario(name, messages, config, reply=None, model_name=None, runtime_extra=None):
    SCENARIOS.append((name, messages, config, reply, model_name, runtime_extra or {}))


# 09: a research conversation summarised by a model, the last assistant message kept as the tail.
scenario(
    "09_summarized",
    [
        {"role": "user", "content": "Please write a literature review on battery chemistry with a table of energy densities."},
        {"role": "assistant", "content": None, "tool_calls": [call("c1", "web_fetch", {"url": "https://example.org/li-ion"})]},
        {"role": "tool", "content": words(1500, "li"), "tool_call_id": "c1", "name": "web_fetch"},
        {"role": "assistant", "content": None, "tool_calls": [call("c2", "web_fetch", {"url": "https://example.org/lfp"})]},
        {"role": "tool", "content": words(1500, "lfp"), "tool_call_id": "c2", "name": "web_fetch"},
        {"role": "assistant", "content": "Found figures for Li-ion and LFP; continuing with Na-ion."},
        {"role": "user", "content": "Also verify the solid-state figures."},
        {"role": "assistant", "content": "Will do."},
    ],
    {"threshold_tokens": 3000},
    reply=SUMMARY_REPLY,
    model_name="stub-haiku",
)

# 09b: no model: tool results truncated, summarisation skipped, backward packing keeps the first user + last assistant.
scenario(
    "09b_no_model",
    [
        {"role": "user", "content": "Please research X"},
        {"role": "assistant", "content": None, "tool_calls": [call("t1", "search", {"q": "X"})]},
        {"role": "tool", "content": words(3000, "r"), "tool_call_id": "t1", "name": "search"},
        {"role": "assistant", "content": None, "tool_calls": [call("t2", "fetch", {"url": "https://x.example"})]},
        {"role": "tool", "content": words(3000, "p"), "tool_call_id": "t2", "name": "fetch"},
        {"role": "assistant", "content": "Done"},
    ],
    {"threshold_tokens": 1000},
)

# Below the threshold: nothing happens.
scenario(
    "under_threshold",
    [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}],
    {"threshold_tokens": 3000},
)

# A system prompt set aside, images given ids, one retained; a user tool payload truncated; grace of 2.
scenario(
    "system_images_payload",
    [
        {"role": "system", "content": "You are a careful analyst."},
        {"role": "user", "content": [{"type": "text", "text": "What is in this chart?"}, {"type": "image_url", "image_url": {"url": PNG}}]},
        {"role": "assistant", "content": "A bar chart of revenue by quarter."},
        {"role": "user", "content": "Tool calc returned: " + words(2000, "v")},
        {"role": "assistant", "content": "The totals are 10, 12, 15 and 19."},
        {"role": "user", "content": [{"type": "text", "text": "And this one?"}, {"type": "image_url", "image_url": {"url": PNG + "AA"}}]},
        {"role": "assistant", "content": "A line chart of costs."},
        {"role": "user", "content": "Compare them."},
        {"role": "assistant", "content": "Revenue grew faster than costs."},
    ],
    {"threshold_tokens": 2000, "active_context": {"tool_truncation": {"max_tool_message_tokens": 300}, "summarization": {"grace_recent_messages": 2}}},
    reply="Here you go:\n```json\n" + json.dumps({
        "user_request_summary": "Describe two charts and compare them.",
        "summary": "Two charts were described.",
        "salient_facts": [],
        "open_threads": ["Compare growth rates"],
        "keep_images": [{"image_id": "img_0001", "context": "line chart of costs"}, {"image_id": "img_0009", "context": "unknown"}],
    }) + "\n```\nThanks",
    model_name="gpt-x",
    runtime_extra={"agent_instruction": "Analyse charts."},
)

# Three images; the model lists them out of order, twice for one, with a malformed item and an unknown id. MARSYS
# keeps valid ids newest first (a repeated id twice, in the model's order), up to max_retained_images; the runtime's
# provider sets the byte budget (anthropic: 16 MB, far above these).
scenario(
    "retained_images_newest_first",
    [
        {"role": "user", "content": [{"type": "text", "text": "Chart one."}, {"type": "image_url", "image_url": {"url": PNG + "A1"}}]},
        {"role": "assistant", "content": "Revenue. " + words(300, "r")},
        {"role": "user", "content": [{"type": "text", "text": "Chart two."}, {"type": "image_url", "image_url": {"url": PNG + "B2"}}]},
        {"role": "assistant", "content": "Costs. " + words(300, "c")},
        {"role": "user", "content": [{"type": "text", "text": "Chart three."}, {"type": "image_url", "image_url": {"url": PNG + "C3"}}]},
        {"role": "assistant", "content": "Margins. " + words(300, "m")},
        {"role": "user", "content": "Which grew most?"},
        {"role": "assistant", "content": "Revenue."},
    ],
    {"threshold_tokens": 3400, "active_context": {"min_reduction_ratio": 0.05, "summarization": {"grace_recent_messages": 2, "max_retained_images": 3}}},
    reply=json.dumps({
        "user_request_summary": "Describe three charts and say which grew most.",
        "summary": "Three charts were described: revenue, costs and margins.",
        "salient_facts": ["Revenue grew most"],
        "open_threads": [],
        "keep_images": [
            {"image_id": "img_0000", "context": "revenue chart"},
            "img_0001",
            {"image_id": "img_0002", "context": "margin chart"},
            {"image_id": "img_0001"},
            {"image_id": "img_0042", "context": "unknown"},
            {"image_id": "img_0002", "context": "margin chart again"},
        ],
    }),
    model_name="m2",
    runtime_extra={"provider": "anthropic"},
)

# A model that answers with something that is not JSON: summarisation skipped (parse_failure), packing runs.
scenario(
    "parse_failure",
    [
        {"role": "user", "content": "Summarise the logs."},
        {"role": "assistant", "content": "Reading. " + words(800, "a")},
        {"role": "user", "content": "Go on. " + words(800, "b")},
        {"role": "assistant", "content": "Finished."},
    ],
    {"threshold_tokens": 500},
    reply="I cannot do that.",
    model_name="m1",
)

# Processor order reversed and one excluded; a tool bundle that does not fit is skipped, earlier messages packed.
scenario(
    "packing_skips_bundle",
    [
        {"role": "user", "content": "Plan the trip."},
        {"role": "assistant", "content": "Sure, looking up trains."},
        {"role": "user", "content": "Prefer mornings."},
        {"role": "assistant", "content": None, "tool_calls": [call("k1", "trains", {"from": "A", "to": "B"}), call("k2", "hotels", {"city": "B"})]},
        {"role": "tool", "content": words(700, "t"), "tool_call_id": "k1", "name": "trains"},
        {"role": "tool", "content": words(700, "h"), "tool_call_id": "k2", "name": "hotels"},
        {"role": "assistant", "content": "Booked the 8:05 train."},
        {"role": "user", "content": "Thanks!"},
    ],
    {"threshold_tokens": 1200, "active_context": {"processor_order": ["summarization", "tool_truncation", "backward_packing"], "excluded_processors": ["summarization"]}},
)

# Everything packed away and no model: the forced fallback (hard placeholder) and the user rollup.
scenario(
    "forced_fallback_hard",
    [
        {"role": "user", "content": "First question " + words(300, "q")},
        {"role": "user", "content": "Second question " + words(300, "w")},
    ],
    {"threshold_tokens": 100, "active_context": {"processor_order": ["backward_packing"]}},
)

# Forced fallback with a model.
scenario(
    "forced_fallback_model",
    [
        {"role": "user", "content": [{"type": "text", "text": "Describe"}, {"type": "text", "text": "everything " + words(400, "e")}]},
        {"role": "user", "content": "More " + words(300, "m")},
    ],
    {"threshold_tokens": 100, "active_context": {"processor_order": ["backward_packing"]}},
    reply=json.dumps({"user_request_summary": "", "summary": "Nothing done yet.", "salient_facts": ["a"], "open_threads": [], "keep_images": []}),
    model_name="fb",
)

# Only assistant messages kept by packing: a user message injected at the front.
scenario(
    "user_injected",
    [
        {"role": "user", "content": "Start " + words(600, "s")},
        {"role": "assistant", "content": "Step one done."},
        {"role": "assistant", "content": "Step two done."},
    ],
    {"threshold_tokens": 300, "active_context": {"processor_order": ["backward_packing"]}},
)

# 09c's kind of memory (30 turns over a 500-token threshold), compacted without a model. The summarization stage
# builds its request before noticing there is no model, and that merges the instruction into the last prefix
# message when it is a user message with string content — in place, so the message stays changed.
scenario(
    "09c_no_model_prefix_changed",
    [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i}: " + "words " * 20}
        for i in range(30)
    ],
    {"threshold_tokens": 500},
)


async def run(name, messages, config_input, reply, model_name, runtime_extra):
    ac = config_input.get("active_context", {})
    config = ManagedMemoryConfig(threshold_tokens=config_input["threshold_tokens"])
    for key in ("processor_order", "excluded_processors", "min_reduction_ratio"):
        if key in ac:
            setattr(config.active_context, key, ac[key])
    for section in ("tool_truncation", "summarization", "backward_packing"):
        for key, value in ac.get(section, {}).items():
            setattr(getattr(config.active_context, section), key, value)
    manager = MemoryManager(memory_type="managed_conversation", memory_config=config)
    for m in messages:
        manager.add(**{k: v for k, v in m.items()})
    before = manager.retrieve_all()
    model = StubModel(reply) if reply is not None else None
    runtime = dict(runtime_extra)
    if model is not None:
        runtime["compaction_model"] = model
        runtime["compaction_model_name"] = model_name
    await manager.compact_if_needed(runtime)
    module = manager.memory_module
    last = module.metadata.get("last_compaction")
    stages = None
    if last is not None:
        stages = [{k: v for k, v in s.items() if k not in ("compacted_at", "duration_seconds")} for s in last["stages"]]
    return {
        "name": name,
        "config": config_input,
        "runtime": {**runtime_extra, **({"compaction_model_name": model_name} if model else {})},
        "reply": reply,
        "before": before,
        "after": manager.retrieve_all(),
        "stages": stages,
        "pre_tokens": last["pre_compaction_tokens"] if last else None,
        "post_tokens": last["post_compaction_tokens"] if last else None,
        "model_calls": model.calls if model else [],
    }


async def main():
    out = [await run(*s) for s in SCENARIOS]
    json.dump(out, sys.stdout, indent=1)


asyncio.run(main())
