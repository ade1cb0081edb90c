"""``xxgk demo``: a small, realistic demonstration on the configured database.

A district office (区政府办公室) supervising two street offices (街道办事处), one
staff account per agency and a supervisor account; applications in a spread of
states and outcomes from the autumn before last year until today, proactive
disclosures, appeals, table 二 figures and the other annual-report inputs — so
that last year's annual report is complete and passes the format's rules.

Every record is written through the apps' ``actions`` modules (audit logs and
deadlines are the real ones).  Stages: :func:`plan_applications` (pure: who
applies when, and what happens) → :func:`build_demo` (writes, in one
transaction).  Running it again on a database that already holds the demo adds
nothing and only issues new passwords; a database holding other agencies is
refused unless ``force``.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum

from xxgk.errors import XxgkError
from xxgk.formats import edition_for_year
from xxgk.procedure import APPLICANT_KINDS, Channel, Event, Outcome
from xxgk.web.agencies.models import Agency, Membership

DEMO_PASSWORD = "xxgk-demo-2026"  # noqa: S105 - the documented password of `xxgk demo --demo-password`
REGION = "青山区"


class DemoError(XxgkError):
    code = "demo.error"


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    username: str
    staff_name: str
    size: int  # applications per year


DISTRICT = DemoAgency("qingshan-qzfb", "青山区人民政府办公室", "qzfb", "李明", 26)
STREETS = (
    DemoAgency("qingshan-chengguan", "青山区城关街道办事处", "chengguan", "王芳", 14),
    DemoAgency("qingshan-hexi", "青山区河西街道办事处", "hexi", "赵磊", 10),
)
AGENCIES = (DISTRICT, *STREETS)
SUPERVISOR = ("supervisor", "陈主任")


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: str
    agency: str


@dataclass
class DemoResult:
    created: bool
    accounts: list[Account] = field(default_factory=list)
    applications: int = 0


# --------------------------------------------------------------------------- pure plan

Step = tuple[Event, int, dict[str, Any]]  # event, calendar days after the previous step, data


def _answer(outcome: Outcome, gap: int = 8) -> Step:
    return (Event.ANSWER, gap, {"outcome": outcome.value, "reason": ""})


ACCEPT: Step = (Event.ACCEPT, 1, {})
# 按件 (109号): the applicant's 11th piece of the month onwards costs 100 元 each
FEE_BY_PIECES = {"fee_basis": "pieces", "earlier_in_month": 10, "payment_method": "凭非税收入缴款通知书到代理银行缴纳"}
# name → (weight, steps after receipt)
STORIES: dict[str, tuple[int, list[Step]]] = {
    "disclosed": (9, [ACCEPT, _answer(Outcome.DISCLOSED, 9)]),
    "already_public": (5, [_answer(Outcome.ALREADY_PUBLIC, 4)]),
    "partial": (
        3,
        [
            ACCEPT,
            (
                Event.CONSULT_THIRD_PARTY,
                3,
                {"reason": "涉及第三方商业秘密，书面征求第三方意见", "letter_received_on": 2},
            ),
            (Event.CONSULTATION_ENDED, 12, {"reply": "objection", "reason": "第三方不同意公开涉及商业秘密的部分"}),
            _answer(Outcome.PARTIAL, 4),
        ],
    ),
    "denied_third_party": (
        1,
        [
            ACCEPT,
            (Event.CONSULT_THIRD_PARTY, 2, {"reason": "涉及个人隐私，书面征求第三方意见", "letter_received_on": 2}),
            (Event.CONSULTATION_ENDED, 14, {"reply": "objection", "reason": "第三方书面回复不同意公开"}),
            _answer(Outcome.DENIED_THIRD_PARTY, 3),
        ],
    ),
    "denied_process": (1, [ACCEPT, _answer(Outcome.DENIED_PROCESS_INFO, 10)]),
    "denied_internal": (1, [ACCEPT, _answer(Outcome.DENIED_INTERNAL_AFFAIRS, 7)]),
    "denied_enforcement": (1, [ACCEPT, _answer(Outcome.DENIED_ENFORCEMENT_FILE, 9)]),
    "not_exist": (4, [ACCEPT, _answer(Outcome.NOT_EXIST, 11)]),
    "not_responsible": (
        2,
        [
            ACCEPT,
            (Event.CONSULT_AGENCY, 2, {"reason": "征求区自然资源局意见", "letter_received_on": 1}),
            (Event.CONSULTATION_ENDED, 8, {"reply": "consent", "reason": "区自然资源局回复：该信息由其负责公开"}),
            _answer(Outcome.NOT_RESPONSIBLE, 2),
        ],
    ),
    "requires_creation": (1, [ACCEPT, _answer(Outcome.REQUIRES_CREATION, 6)]),
    "extended": (
        2,
        [
            ACCEPT,
            (Event.EXTEND, 14, {"days": 15, "reason": "需调取历年档案，无法按期答复", "approved_by": "陈主任"}),
            _answer(Outcome.DISCLOSED, 12),
        ],
    ),
    "unclear_after_correction": (
        1,
        [
            (Event.REQUEST_CORRECTION, 2, {"correction_due": 17, "reason": "请明确所需信息的名称、文号或时间范围"}),
            (Event.CORRECTION_RECEIVED, 8, {}),
            _answer(Outcome.UNCLEAR_AFTER_CORRECTION, 9),
        ],
    ),
    "corrected_disclosed": (
        1,
        [
            (Event.REQUEST_CORRECTION, 3, {"correction_due": 18, "reason": "请补充所需信息的特征性描述"}),
            (Event.CORRECTION_RECEIVED, 6, {}),
            _answer(Outcome.DISCLOSED, 10),
        ],
    ),
    "no_correction": (
        1,
        [
            (Event.REQUEST_CORRECTION, 2, {"correction_due": 16, "reason": "请明确所需信息的名称"}),
            (Event.CORRECTION_LAPSED, 19, {}),
        ],
    ),
    "fee_paid": (
        1,
        [
            ACCEPT,
            (
                Event.SEND_FEE_NOTICE,
                5,
                {**FEE_BY_PIECES, "quantity": 1, "notice_received_on": 2, "reason": "申请数量明显超过合理范围"},
            ),
            (Event.FEE_PAID, 6, {}),
            _answer(Outcome.DISCLOSED, 5),
        ],
    ),
    "fee_unpaid": (
        1,
        [
            ACCEPT,
            (
                Event.SEND_FEE_NOTICE,
                5,
                {**FEE_BY_PIECES, "quantity": 2, "notice_received_on": 2, "reason": "申请数量明显超过合理范围"},
            ),
            (Event.FEE_UNPAID, 50, {}),
        ],
    ),
    "withdrawn": (1, [ACCEPT, (Event.WITHDRAW, 4, {"reason": "申请人书面撤回申请"})]),
    "petition": (1, [_answer(Outcome.PETITION_COMPLAINT, 5)]),
    "repeat": (1, [_answer(Outcome.REPEAT, 5)]),
    "publication": (1, [_answer(Outcome.PUBLICATION, 4)]),
    "confirm_or_reissue": (1, [_answer(Outcome.CONFIRM_OR_REISSUE, 6)]),
    "excessive": (
        1,
        [
            (Event.REQUEST_REASON, 3, {"reason": "申请人短期内提出大量相同申请，要求说明理由"}),
            _answer(Outcome.EXCESSIVE, 12),
        ],
    ),
}
# (kind, weight): most applicants are natural persons, as in the published reports
KIND_WEIGHTS = dict(zip(APPLICANT_KINDS, (14, 5, 1, 1, 2, 1), strict=True))
CHANNEL_WEIGHTS = {
    Channel.IN_PERSON: 4,
    Channel.REGISTERED_MAIL: 3,
    Channel.INTERNET: 5,
    Channel.EMAIL: 1,
    Channel.ORDINARY_MAIL: 1,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国")
ORGANISATIONS = {
    "commercial_enterprise": (
        "青山建工集团有限公司",
        "河西物业服务有限公司",
        "城关商贸有限责任公司",
        "某某科技有限公司",
    ),
    "research_institution": ("青山区城市规划研究院",),
    "public_interest_organization": ("青山区环保志愿者协会",),
    "legal_service_institution": ("青山律师事务所", "明理律师事务所"),
    "other_organization": ("河西社区居民委员会",),
}
SUBJECTS = (
    "{year}年本街道老旧小区改造项目的立项批复文件",
    "{year}年区级财政预算执行情况报告",
    "某路段道路拓宽工程的征收补偿方案",
    "本辖区{year}年城市低保对象审批名单",
    "某地块国有土地使用权出让合同",
    "{year}年度重大行政决策事项目录",
    "辖区内某小区违法建设查处情况",
    "某菜市场改造项目的招标文件",
    "{year}年环境空气质量监测数据",
    "某企业排污许可证及监督检查记录",
    "某幼儿园建设项目的环评批复",
    "{year}年义务教育招生划片方案",
)


@dataclass(frozen=True)
class PlannedApplication:
    kind: str
    name: str
    channel: Channel
    submitted_on: date
    subject: str
    steps: tuple[Step, ...]
    story: str


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _applicant(rng: random.Random, kind: str) -> str:
    if kind == "natural_person":
        return rng.choice(SURNAMES) + rng.choice(GIVEN)
    return rng.choice(ORGANISATIONS[kind])


def plan_applications(seed: int, size: int, first: date, last: date) -> list[PlannedApplication]:
    """``size`` applications per year, submitted between ``first`` and ``last``,
    each with a story (the whole weighted list cycled, so every outcome occurs)."""
    rng = random.Random(seed)
    names = [n for n, (w, _) in STORIES.items() for _ in range(w)]
    days = (last - first).days
    count = max(1, round(size * days / 365))
    rng.shuffle(names)
    planned = []
    for i in range(count):
        story = names[i % len(names)]
        kind = _weighted(rng, KIND_WEIGHTS)
        submitted = first + timedelta(days=round(i * days / count) + rng.randint(0, 3))
        planned.append(
            PlannedApplication(
                kind=kind,
                name=_applicant(rng, kind),
                channel=_weighted(rng, CHANNEL_WEIGHTS),
                submitted_on=min(submitted, last),
                subject=rng.choice(SUBJECTS).format(year=submitted.year - 1),
                steps=tuple(STORIES[story][1]),
                story=story,
            )
        )
    return planned


# --------------------------------------------------------------------------- writing


def _working(day: date, is_working: Callable[[date], bool]) -> date:
    for _ in range(30):
        if is_working(day):
            return day
        day += timedelta(days=1)
    return day


def _step_data(data: dict[str, Any], on: date) -> dict[str, Any]:
    """Relative dates of the story (days after the step) made absolute."""
    out = dict(data)
    for key in ("correction_due", "notice_received_on", "letter_received_on"):
        if isinstance(out.get(key), int):
            out[key] = on + timedelta(days=out[key])
    return out


def _register(
    agency: Agency, actor: Any, plan: PlannedApplication, today: date, is_working: Callable[[date], bool]
) -> Any:
    from xxgk.procedure import TransitionRefused
    from xxgk.web.casework import actions as casework

    submitted = _working(plan.submitted_on, is_working)
    if submitted > today:
        return None
    contact = {"phone": "1390000" + str(sum(map(ord, plan.name)) % 10000).zfill(4)}
    if plan.kind != "natural_person":
        contact["contact_person"] = "张经理"
    app = casework.register_application(
        agency,
        actor,
        applicant_kind=plan.kind,
        applicant_name=plan.name,
        channel=plan.channel.value,
        submitted_on=submitted,
        information_requested=plan.subject,
        address=f"{REGION}某某路{len(plan.name) * 7 + 3}号",
        **contact,
    )
    on = submitted
    steps = list(plan.steps)
    if plan.channel is not Channel.IN_PERSON:
        steps.insert(0, (Event.CONFIRM_RECEIPT, 1, {}))
    for event, gap, data in steps:
        on = _working(on + timedelta(days=gap), is_working)
        if on > today:
            break  # the rest of the story has not happened yet: the application stays open
        try:
            app = casework.do_transition(app.pk, event, actor, on, _step_data(data, on))
        except (TransitionRefused, XxgkError):
            break  # e.g. a deadline guard after a long holiday: left open, as in real life
    return app


def _open_examples(agency: Agency, actor: Any, today: date, cal: Any) -> None:
    """Cases the back office should show today: one overdue, one due within five
    working days, one consulting a third party, one not yet confirmed received."""
    from xxgk.web.casework import actions as casework

    def working_days_ago(n: int) -> date:
        d = today
        while n > 0:
            d -= timedelta(days=1)
            if cal.day(d, provisional=True).working:
                n -= 1
        return d

    base = {"applicant_kind": "natural_person", "address": f"{REGION}某某路8号", "phone": "13900001111"}
    overdue = casework.register_application(
        agency, actor, applicant_name="孙建国", channel="in_person", submitted_on=working_days_ago(24),
        information_requested="某小区加装电梯项目的审批材料", **base,
    )  # fmt: skip
    casework.do_transition(overdue.pk, Event.ACCEPT, actor, working_days_ago(23))
    soon = casework.register_application(
        agency, actor, applicant_name="周丽", channel="in_person", submitted_on=working_days_ago(17),
        information_requested="本街道2026年度民生实事项目清单", **base,
    )  # fmt: skip
    casework.do_transition(soon.pk, Event.ACCEPT, actor, working_days_ago(16))
    consulting = casework.register_application(
        agency, actor, applicant_name="青山建工集团有限公司", channel="in_person", submitted_on=working_days_ago(8),
        information_requested="某道路工程施工许可及验收材料", **{**base, "applicant_kind": "commercial_enterprise"},
    )  # fmt: skip
    casework.do_transition(
        consulting.pk, Event.CONSULT_THIRD_PARTY, actor, working_days_ago(5), {"reason": "涉及第三方商业秘密"}
    )
    casework.register_application(
        agency, actor, applicant_name="吴敏", channel="registered_mail", submitted_on=working_days_ago(1),
        information_requested="某公园改造工程的设计方案", **base,
    )  # fmt: skip


CATEGORIES = ("机构职能", "政策文件", "规划计划", "财政资金", "重点领域信息", "政府信息公开年报")
ITEM_TITLES = (  # category, title, (month, day) of publication
    ("政府信息公开年报", "{prev}年政府信息公开工作年度报告", (1, 22)),
    ("政策文件", "关于进一步做好{year}年防汛工作的通知", (2, 26)),
    ("财政资金", "{year}年部门预算公开", (3, 12)),
    ("规划计划", "{year}年政府信息公开工作要点", (4, 8)),
    ("重点领域信息", "{year}年城市最低生活保障对象名单公示", (5, 18)),
    ("重点领域信息", "老旧小区改造项目公示（第{n}批）", (6, 10)),
    ("政策文件", "关于印发{year}年安全生产工作方案的通知", (6, 24)),
    ("财政资金", "{prev}年部门决算公开", (7, 28)),
    ("机构职能", "领导分工调整情况", (8, 14)),
    ("重点领域信息", "{year}年义务教育阶段招生工作方案", (9, 2)),
    ("规划计划", "{year}年为民办实事项目进展情况", (10, 20)),
    ("重点领域信息", "环境保护督察整改情况公示", (11, 16)),
    ("政策文件", "关于做好{next}年元旦春节期间有关工作的通知", (12, 26)),
)
CHANNEL_OFFSETS = (("website", 0), ("wechat", 1), ("weibo", 1), ("board", 3))


def _disclosures(
    agency: Agency, actor: Any, years: list[int], today: date, rng: random.Random, is_working: Callable[[date], bool]
) -> None:
    from xxgk.web.disclosure import actions as disclosure

    cats = {name: disclosure.do_add_category(agency, name, actor, position=i) for i, name in enumerate(CATEGORIES)}
    disclosure.do_save_page(
        agency,
        "guide",
        f"{agency.name}政府信息公开指南",
        f"一、主动公开\n{agency.name}通过政府网站、政务微信和公开栏主动公开政府信息。\n"
        "二、依申请公开\n公民、法人或者其他组织可以当面、邮寄或通过互联网提出政府信息公开申请。"
        "本机关自收到申请之日起20个工作日内予以答复。\n"
        f"三、受理机构\n{agency.name}政府信息公开工作机构，办公时间：工作日上午9:00—12:00，下午13:30—17:30。",
        actor,
    )
    for year in years:
        for n, (cat, title, (month, day_of_month)) in enumerate(ITEM_TITLES, start=1):
            day = _working(date(year, month, day_of_month) + timedelta(days=rng.randint(0, 3)), is_working)
            item = disclosure.do_create_item(
                agency, title.format(year=year, prev=year - 1, next=year + 1, n=n), actor, category=cats[cat]
            )
            if day > today:
                continue  # not yet reviewed: still a draft
            item = disclosure.do_transition(item, "review", actor)
            item = disclosure.do_transition(item, "pass_secrecy", actor)
            k = 1 + (n % 4)
            channels = {ch: day + timedelta(days=off) for ch, off in CHANNEL_OFFSETS[:k]}
            item = disclosure.do_transition(item, "publish", actor, channels=channels)
            if cat == "机构职能" and day + timedelta(days=60) <= today:
                on = day + timedelta(days=60)
                disclosure.do_transition(item, "withdraw", actor, reason="领导分工再次调整，内容已过时", on=on)


def _appeals(agency: Agency, actor: Any, year: int, today: date, big: bool, number: int) -> None:
    """Reviews and lawsuits about answers of the agency (the latest refusals of the
    year before the filing), some concluded, one pending."""
    from xxgk.web.appeals import actions as appeals
    from xxgk.web.casework.models import Application

    cases: list[tuple[str, date, str, date | None]] = [("review", date(year, 3, 12), "upheld", date(year, 5, 20))]
    if big:
        cases += [
            ("review", date(year, 6, 3), "corrected", date(year, 8, 1)),
            ("litigation_direct", date(year, 7, 15), "upheld", date(year, 11, 3)),
            ("litigation_after_review", date(year, 10, 9), "pending", None),
        ]
    for n, (kind, filed, result, concluded) in enumerate(cases, start=1):
        if filed > today:
            continue
        refused = (
            Application.objects.filter(agency=agency, state="answered", closed_on__lt=filed)
            .exclude(outcome__in=["disclosed", "already_public"])
            .order_by("-closed_on")
            .values_list("tracking_code", flat=True)
        )
        code = refused[n - 1] if len(refused) >= n else ""
        seq = number * 10 + n
        case_number = f"青山府复〔{year}〕{seq}号" if kind == "review" else f"（{year}）青山行初字第{seq}号"
        summary = "申请人不服政府信息公开申请答复" + ("，申请行政复议" if kind == "review" else "，提起行政诉讼")
        case = appeals.do_register_case(
            agency, kind, filed, actor, case_number=case_number, application_code=code, summary=summary
        )
        if concluded is not None and concluded <= today:
            appeals.do_conclude(case, result, concluded, actor)


def _table_2(agency: Agency, actor: Any, year: int, first_year: int, big: bool) -> None:
    """Plausible figures; the stock of documents in force carries from year to year."""
    from xxgk.web.annual import actions as annual
    from xxgk.web.annual.table2 import table_2_inputs

    scale = 3 if big else 1
    issued, repealed = 2 * scale, scale - 1
    values = {
        "issued_this_year": issued,
        "repealed_this_year": repealed,
        "currently_valid": 12 * scale + (year - first_year) * (issued - repealed),
        "decisions_this_year": 40 * scale + year % 7,
        "fee_amount_this_year": "3.5" if big else "1.2",  # 万元, covers the 信息处理费 collected
        "items_this_year": 20 * scale,
    }
    figures: dict[tuple[str, str], object] = {}
    for i in table_2_inputs(edition_for_year(year)):
        if i.optional:
            continue
        v = values.get(i.measure, scale)
        if i.row_key == "regulations" and not big:
            v = 0  # street offices make no 规章
        figures[(i.row_key, i.measure)] = v
    annual.do_save_table_2(agency, year, figures, actor)


def _facts_and_texts(agency: Agency, actor: Any, year: int, big: bool) -> None:
    from xxgk.web.annual import actions as annual
    from xxgk.web.casework.models import Application

    fees = Application.objects.filter(agency=agency, fee_paid_on__year=year).aggregate(s=Sum("fee_amount"))["s"]
    annual.do_save_facts(
        agency,
        year,
        {
            "npc_received": 6 if big else 0,
            "npc_answered": 6 if big else 0,
            "cppcc_received": 9 if big else 0,
            "cppcc_answered": 9 if big else 0,
            "fees_collected": str(fees or Decimal(0)),
        },
        actor,
    )
    annual.do_save_text(
        agency,
        year,
        "problems_and_improvements",
        f"{year}年，{agency.name}政府信息公开工作取得一定成效，但也存在一些不足：一是政策解读形式还比较单一；"
        "二是依申请公开答复的规范化水平有待提高。\n"
        f"{year + 1}年，将加强业务培训，完善答复书模板，进一步提升政府信息公开工作质量。",
        actor,
    )


def _user(username: str, full_name: str, password: str, *, staff: bool = False) -> Any:
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    user.first_name = full_name
    user.is_staff = user.is_superuser = staff
    user.set_password(password)
    user.save()
    return user


def _passwords(fixed: bool) -> Callable[[], str]:
    return (lambda: DEMO_PASSWORD) if fixed else (lambda: secrets.token_urlsafe(9))


def _accounts(fixed_password: bool) -> list[Account]:
    new_password = _passwords(fixed_password)
    accounts = []
    agencies = {a.code: Agency.objects.get(code=a.code) for a in AGENCIES}
    for spec in AGENCIES:
        pw = new_password()
        user = _user(spec.username, spec.staff_name, pw)
        Membership.objects.get_or_create(user=user, agency=agencies[spec.code])
        accounts.append(Account(spec.username, pw, "经办人", spec.name))
    pw = new_password()
    boss = _user(SUPERVISOR[0], SUPERVISOR[1], pw, staff=True)
    Membership.objects.update_or_create(
        user=boss, agency=agencies[DISTRICT.code], defaults={"role": Membership.ROLE_HEAD}
    )
    accounts.append(Account(SUPERVISOR[0], pw, "上级机关负责人（可进入后台管理）", DISTRICT.name))
    return accounts


def demo_exists() -> bool:
    return Agency.objects.filter(code=DISTRICT.code).exists()


@transaction.atomic
def build_demo(today: date, *, fixed_password: bool = False, force: bool = False, seed: int = 2026) -> DemoResult:
    """Create the demo (or, when it is there already, only new passwords)."""
    if demo_exists():
        if Agency.objects.filter(code__in=[a.code for a in AGENCIES]).count() != len(AGENCIES):
            raise DemoError("演示机关不完整（可能在后台被改动过），未做任何改动", code="demo.incomplete")
        return DemoResult(created=False, accounts=_accounts(fixed_password))
    others = Agency.objects.exclude(code__in=[a.code for a in AGENCIES])
    if others.exists() and not force:
        names = "、".join(others.order_by("pk").values_list("name", flat=True)[:3])
        raise DemoError(
            f"数据库中已有机关（{names}等），为免混入演示数据，未做任何改动；"
            "如确需在此数据库中加入演示数据，请加 --force，或设置 XXGK_DATA_DIR 使用另一个数据目录",
            code="demo.not_empty",
        )
    taken = get_user_model().objects.filter(username__in=[*(a.username for a in AGENCIES), SUPERVISOR[0]])
    if taken.exists():
        names = "、".join(taken.order_by("pk").values_list("username", flat=True))
        raise DemoError(
            f"用户名 {names} 已被现有账号使用，演示数据不会改动现有账号，未做任何改动；请使用另一个数据目录（XXGK_DATA_DIR）",
            code="demo.username_taken",
        )
    from xxgk.web.casework.calendar import calendar_for

    district = Agency.objects.create(name=DISTRICT.name, code=DISTRICT.code, region=REGION)
    for spec in STREETS:
        Agency.objects.create(name=spec.name, code=spec.code, parent=district, region=REGION)
    accounts = _accounts(fixed_password)
    cal = calendar_for(district.pk)

    def is_working(d: date) -> bool:
        return cal.day(d, provisional=True).working

    first = date(today.year - 2, 10, 8)
    years = [today.year - 2, today.year - 1, today.year]
    rng = random.Random(seed)
    count = 0
    for n, spec in enumerate(AGENCIES):
        agency = Agency.objects.get(code=spec.code)
        actor = get_user_model().objects.get(username=spec.username)
        big = spec is DISTRICT
        for plan in plan_applications(seed + n, spec.size, first, today - timedelta(days=3)):
            count += _register(agency, actor, plan, today, is_working) is not None
        _open_examples(agency, actor, today, cal)
        count += 4
        _disclosures(agency, actor, years[1:], today, rng, is_working)
        for year in years:
            _table_2(agency, actor, year, years[0], big)
        for year in years[1:]:
            _appeals(agency, actor, year, today, big, n + 1)
            _facts_and_texts(agency, actor, year, big)
    return DemoResult(created=True, accounts=accounts, applications=count)
