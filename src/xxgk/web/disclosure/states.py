"""The review of a proactive-disclosure item as a table: (state, action) → new state.

drafted → reviewed → 保密审查 passed → published; any step before publishing may
reject (with a reason, back to drafting by ``redraft``); a published item may be
withdrawn (with a reason)."""

from __future__ import annotations

DRAFTED = "drafted"
REVIEWED = "reviewed"
SECRECY_PASSED = "secrecy_passed"
PUBLISHED = "published"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

STATES = [
    (DRAFTED, "草稿"),
    (REVIEWED, "已审核"),
    (SECRECY_PASSED, "保密审查通过"),
    (PUBLISHED, "已发布"),
    (REJECTED, "未通过"),
    (WITHDRAWN, "已撤回"),
]
STATE_LABELS = dict(STATES)

# action → (label, {from state: to state}, needs a reason)
TRANSITIONS: dict[str, tuple[str, dict[str, str], bool]] = {
    "review": ("审核通过", {DRAFTED: REVIEWED}, False),
    "pass_secrecy": ("保密审查通过", {REVIEWED: SECRECY_PASSED}, False),
    "publish": ("发布", {SECRECY_PASSED: PUBLISHED}, False),
    "reject": ("退回（不予发布）", {DRAFTED: REJECTED, REVIEWED: REJECTED, SECRECY_PASSED: REJECTED}, True),
    "redraft": ("重新起草", {REJECTED: DRAFTED}, False),
    "withdraw": ("撤回", {PUBLISHED: WITHDRAWN}, True),
}


def next_state(state: str, action: str) -> str | None:
    """The state ``action`` leads to from ``state``, or ``None`` if not allowed."""
    entry = TRANSITIONS.get(action)
    return entry[1].get(state) if entry else None


def allowed_actions(state: str) -> list[str]:
    return [a for a, (_, moves, _) in TRANSITIONS.items() if state in moves]
