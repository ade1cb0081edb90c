from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from xxgk.fees import FEE_BASIS_LABELS, FEE_STANDARDS
from xxgk.procedure import ANSWER_OUTCOMES, CONSULTATION_REPLIES, EVENT_FIELDS, OUTCOME_LABELS, Event
from xxgk.web.casework.models import PERSONAL_FIELDS, REQUEST_FIELDS, Application

_LABELS = {
    "correction_due": "补正期限",
    "reason": "理由/说明",
    "days": "延长工作日数（1–20）",
    "approved_by": "同意延期的负责人",
    "delayed_due": "延迟答复期限（可空：理由合理且能按期答复）",
    "fee_basis": "计费依据（按件、按量只能选一）",
    "quantity": "本申请的件数（按件）或页数（按量）",
    "earlier_in_month": "按件：本自然月此前已申请件数",
    "amount": "收费金额（元，可空=按标准计算；填写的须与计算结果一致）",
    "payment_method": "缴费方式（如非税收入缴款渠道、账户）",
    "notice_received_on": "申请人收到通知之日（可空=当日）",
    "outcome": "答复结果",
    "letter_received_on": "对方收到征求意见书之日（可空，之后补登）",
    "reply": "征求意见结果",
    "third_party_notice_on": "书面告知第三方之日（第三方不同意而决定公开时必填）",
    "third_party_notice": "书面告知第三方的公开内容和理由",
}
_DATE_FIELDS = {"correction_due", "delayed_due", "notice_received_on", "letter_received_on", "third_party_notice_on"}


class ApplicationForm(forms.ModelForm[Application]):
    class Meta:
        model = Application
        fields = ("applicant_kind", *PERSONAL_FIELDS, "channel", "submitted_on", *REQUEST_FIELDS)
        widgets = {"submitted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class TransitionForm(forms.Form):
    """One form per event: the day it happened plus the event's own fields."""

    on = forms.DateField(label="办理日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, event: Event, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["on"].initial = timezone.localdate()
        for name in EVENT_FIELDS.get(event, ()):
            label = _LABELS.get(name, name)
            if name in _DATE_FIELDS:
                self.fields[name] = forms.DateField(
                    label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                )
            elif name == "outcome":
                choices = [
                    (o.value, OUTCOME_LABELS[o]) for o in sorted(ANSWER_OUTCOMES, key=list(OUTCOME_LABELS).index)
                ]
                self.fields[name] = forms.ChoiceField(label=label, choices=choices)
            elif name == "fee_basis":
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=[(b.value, text) for b, text in FEE_BASIS_LABELS.items()],
                    help_text="；".join(FEE_STANDARDS.values()),
                )
            elif name == "reply":
                self.fields[name] = forms.ChoiceField(label=label, choices=list(CONSULTATION_REPLIES.items()))
            elif name == "days":
                self.fields[name] = forms.IntegerField(label=label, required=False)
            elif name in ("quantity", "earlier_in_month"):
                self.fields[name] = forms.IntegerField(label=label, required=False, min_value=0)
            elif name == "amount":
                self.fields[name] = forms.DecimalField(label=label, required=False, decimal_places=2)
            else:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}) if name in ("reason", "third_party_notice") else None,
                )


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")
